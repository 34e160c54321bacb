using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireFieldConverter : JsonConverter<WireField>
{
    public override bool HandleNull => true;

    public override WireField Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var token = reader.TokenType;
        switch (token)
        {
            case JsonTokenType.String:
                return new(token, reader.GetString());
            case JsonTokenType.Number:
                return new(token, Integer: reader.TryGetInt32(out var value) ? value : null);
            default:
                // The serializer hands a custom converter its whole value, so this always succeeds; Skip() would
                // refuse a reader over a partial payload even for a single token.
                reader.TrySkip();
                return new(token);
        }
    }

    public override void Write(Utf8JsonWriter writer, WireField value, JsonSerializerOptions options) => throw new NotSupportedException();
}
