using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chat.Api.Infrastructure;

/// <summary>
/// The document's schemas for what <see cref="InputJson"/> reads: its converters hide the types from the
/// schema generator, so text is declared as a string and an enum as a string of one of its names.
/// </summary>
public static class OpenApiSchemas
{
    public static OpenApiOptions DescribeInputJson(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type == typeof(string))
                schema.Type = context.JsonPropertyInfo is { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            else if (type.IsEnum)
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
            }
            else if (typeof(IEnumerable<string>).IsAssignableFrom(type)) schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            return Task.CompletedTask;
        });
}
