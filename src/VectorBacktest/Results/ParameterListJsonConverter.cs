using System.Text.Json;
using System.Text.Json.Serialization;

namespace VectorBacktest.Results;

/// <summary>(name, text) pairs as one JSON object of strings, keeping their order.</summary>
internal sealed class ParameterListJsonConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, string>>>
{
    public override IReadOnlyList<KeyValuePair<string, string>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Parameters must be a JSON object of strings.");
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Parameter '{name}' must be a string.");
            pairs.Add(new(name, reader.GetString()!));
        }
        return pairs;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value) writer.WriteString(name, text);
        writer.WriteEndObject();
    }
}
