using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireNodeConverter<T> : JsonConverter<WireNode<T>> where T : class
{
    private static readonly JsonTokenType Expected =
        typeof(System.Collections.IEnumerable).IsAssignableFrom(typeof(T)) ? JsonTokenType.StartArray : JsonTokenType.StartObject;

    public override bool HandleNull => true;

    public override WireNode<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var token = reader.TokenType;
        if (token == Expected)
        {
            return new(token, JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))));
        }

        reader.TrySkip();
        return new(token, null);
    }

    public override void Write(Utf8JsonWriter writer, WireNode<T> value, JsonSerializerOptions options) => throw new NotSupportedException();
}
