using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Domain;

namespace Chat.Api.Infrastructure;

/// <summary>What a reader does with text or an enum value it cannot accept.</summary>
public enum UnreadableInput
{
    /// <summary>Throw, so the request is answered 400 naming the JSON path (HTTP bodies).</summary>
    Refuse,

    /// <summary>
    /// Read it as a value the hub filter refuses (text with an unpaired surrogate, an undefined enum value):
    /// SignalR answers a binding failure with a bare error, never through the filters, so the refusal is left
    /// to <see cref="RealTime.HubInputFilter"/>, which answers problem details naming the parameter.
    /// </summary>
    MarkForHubFilter,
}

/// <summary>
/// The one place JSON input is read as text and enums: text must be storable, an enum value must be one
/// of its names. Registered for HTTP bodies and for hub arguments.
/// </summary>
public static class InputJson
{
    public static void Configure(JsonSerializerOptions options, UnreadableInput unreadable)
    {
        options.Converters.Add(new StorableTextConverter(unreadable));
        options.Converters.Add(new ClosedEnumConverter(unreadable));
        // HTTP bodies already refuse a wrong token for an id or a number; hub arguments need the mark.
        if (unreadable == UnreadableInput.MarkForHubFilter)
        {
            options.Converters.Add(new MarkedGuidConverter());
            options.Converters.Add(new MarkedWholeNumberConverter());
        }
    }
}

/// <summary>Reads JSON strings, refusing U+0000 and unpaired surrogates (PostgreSQL cannot store them) and non-string tokens.</summary>
public sealed class StorableTextConverter(UnreadableInput unreadable) : JsonConverter<string>
{
    /// <summary>What text that could not be read becomes for the hub filter: itself unstorable.</summary>
    public const string Unreadable = "\uD800";

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) return Fail("Expected a string.");
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate or bytes that are not UTF-8: there is no text to keep.
            return Fail($"The text {Text.UnstorableReason}.");
        }
        return Text.IsStorable(text) || unreadable == UnreadableInput.MarkForHubFilter ? text : Fail($"The text {Text.UnstorableReason}.");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private string Fail(string reason) =>
        unreadable == UnreadableInput.Refuse ? throw new JsonException(reason) : Unreadable;
}

/// <summary>Enums travel as their names (any case); anything else, numbers and combinations included, is refused.</summary>
public sealed class ClosedEnumConverter(UnreadableInput unreadable) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Closed<>).MakeGenericType(typeToConvert), unreadable)!;

    private sealed class Closed<TEnum>(UnreadableInput unreadable) : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

        /// <summary>A value no name stands for, which the hub filter refuses as undefined.</summary>
        private static readonly TEnum Undefined = (TEnum)Enum.ToObject(typeof(TEnum),
            Enum.GetValues<TEnum>().Select(v => Convert.ToInt64(v)).DefaultIfEmpty(0).Max() + 1);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && ReadName(ref reader) is { } name && ByName.TryGetValue(name, out var value))
                return value;
            return unreadable == UnreadableInput.Refuse
                ? throw new JsonException($"Expected one of {string.Join(", ", ByName.Keys)}.")
                : Undefined;
        }

        private static string? ReadName(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}

/// <summary>Reads a hub argument meant as an id; anything else reads as <see cref="Unreadable"/>, which the hub filter refuses.</summary>
public sealed class MarkedGuidConverter : JsonConverter<Guid>
{
    public static readonly Guid Unreadable = Guid.AllBitsSet;

    public override Guid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var id) && id != Unreadable) return id;
        reader.Skip();
        return Unreadable;
    }

    public override void Write(Utf8JsonWriter writer, Guid value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Reads a hub argument meant as a whole number; anything else reads as <see cref="Unreadable"/>, which the hub filter refuses.</summary>
public sealed class MarkedWholeNumberConverter : JsonConverter<long>
{
    public const long Unreadable = long.MinValue;

    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) && number != Unreadable) return number;
        reader.Skip();
        return Unreadable;
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
