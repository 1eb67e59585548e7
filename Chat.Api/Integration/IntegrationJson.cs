using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chat.Api.Integration;

/// <summary>The one wire form of an integration event, the same in a RabbitMQ message body and in a webhook's.</summary>
public static class IntegrationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
