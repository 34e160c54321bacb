using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

/// <summary>Course-list <c>data</c>: an array of courses, or an object whose <c>courses</c> is that array (legacy).</summary>
[JsonConverter(typeof(WireCoursesDataConverter))]
internal readonly record struct WireCoursesData(JsonTokenType Token, WireNode<List<WireNode<WireCourse>>> Courses);
