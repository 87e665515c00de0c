using System.Text.Json;
using System.Text.Json.Serialization;

namespace VectorBacktest.Results;

/// <summary>The JSON conventions of result metadata and run configs: camelCase names, kebab-case enum names,
/// NaN and ±Infinity as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, doubles in their shortest
/// round-tripping form (so values survive a round trip bit for bit).</summary>
public static class ResultJson
{
    /// <summary>The serializer options (indented output; unknown properties are errors when reading).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
