using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireCoursesDataConverter : JsonConverter<WireCoursesData>
{
    public override bool HandleNull => true;

    public override WireCoursesData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var token = reader.TokenType;
        switch (token)
        {
            case JsonTokenType.StartArray:
                return new(token, new(token, JsonSerializer.Deserialize(ref reader, HemeraWireContext.Default.ListWireNodeWireCourse)));
            case JsonTokenType.StartObject:
                return new(token, JsonSerializer.Deserialize(ref reader, HemeraWireContext.Default.WireCoursesObject)!.Courses);
            default:
                reader.TrySkip();
                return new(token, default);
        }
    }

    public override void Write(Utf8JsonWriter writer, WireCoursesData value, JsonSerializerOptions options) => throw new NotSupportedException();
}
