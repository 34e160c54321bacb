using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

/// <summary>
/// Hemera's two responses as System.Text.Json reads them, before validation. Leaves are <see cref="WireField"/>s
/// that accept any JSON value, so a wrong type becomes a field-path error instead of a serializer exception.
/// Containers that can be large (the envelope, the course, its participants) use the serializer's own converters,
/// which stream; only single courses and participants are buffered whole.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 32)]
[JsonSerializable(typeof(WireNode<WireCoursesResponse>))]
[JsonSerializable(typeof(WireCoursesResponse))]
[JsonSerializable(typeof(WireCoursesObject))]
[JsonSerializable(typeof(List<WireNode<WireCourse>>))]
[JsonSerializable(typeof(WireCourse))]
[JsonSerializable(typeof(WireDetailResponse))]
[JsonSerializable(typeof(WireParticipant))]
internal sealed partial class HemeraWireContext : JsonSerializerContext;

internal sealed class WireCoursesResponse
{
    public WireField Success { get; set; }

    public WireCoursesData Data { get; set; }
}

internal sealed class WireCoursesObject
{
    public WireNode<List<WireNode<WireCourse>>> Courses { get; set; }
}

internal sealed class WireCourse
{
    public WireField Id { get; set; }

    public WireField Title { get; set; }

    public WireField Slug { get; set; }

    public WireField Level { get; set; }

    public WireField StartDate { get; set; }

    public WireField EndDate { get; set; }

    public WireField ParticipantCount { get; set; }
}

internal sealed class WireDetailResponse
{
    public WireField Success { get; set; }

    public WireDetailData? Data { get; set { field = value; HasData = true; } }

    [JsonIgnore]
    public bool HasData { get; private set; }
}

internal sealed class WireDetailData
{
    public WireField Id { get; set; }

    public WireField Title { get; set; }

    public WireField Slug { get; set; }

    public WireField Level { get; set; }

    public WireField StartDate { get; set; }

    public WireField EndDate { get; set; }

    public List<WireNode<WireParticipant>>? Participants { get; set { field = value; HasParticipants = true; } }

    [JsonIgnore]
    public bool HasParticipants { get; private set; }

    /// <summary>The legacy shape <c>data.course</c>.</summary>
    public WireDetailData? Course { get; set { field = value; HasCourse = true; } }

    [JsonIgnore]
    public bool HasCourse { get; private set; }
}

internal sealed class WireParticipant
{
    public WireField BookingId { get; set; }

    public WireField ParticipationId { get; set; }

    public WireField UserId { get; set; }

    public WireField Name { get; set; }

    public WireField ImageUrl { get; set; }

    public WireField Status { get; set; }

    public WireField PreparationIntent { get; set; }

    public WireField DesiredResults { get; set; }

    public WireField LineManagerProfile { get; set; }

    public WireField PreparationCompletedAt { get; set; }
}

/// <summary>Any JSON value: its token (<see cref="JsonTokenType.None"/> when the field is absent), a string's text, an integer's value.</summary>
[JsonConverter(typeof(WireFieldConverter))]
internal readonly record struct WireField(JsonTokenType Token, string? Text = null, int? Integer = null);

/// <summary>An object or array, or the token of whatever stood in its place (<see cref="JsonTokenType.None"/> when absent).</summary>
[JsonConverter(typeof(WireNodeConverterFactory))]
internal readonly record struct WireNode<T>(JsonTokenType Token, T? Value) where T : class;

/// <summary>Course-list <c>data</c>: an array of courses, or an object whose <c>courses</c> is that array (legacy).</summary>
[JsonConverter(typeof(WireCoursesDataConverter))]
internal readonly record struct WireCoursesData(JsonTokenType Token, WireNode<List<WireNode<WireCourse>>> Courses);

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

internal sealed class WireNodeConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(WireNode<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WireNodeConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()))!;
}

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
