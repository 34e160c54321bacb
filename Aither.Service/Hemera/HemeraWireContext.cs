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
