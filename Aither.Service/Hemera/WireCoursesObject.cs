using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireCoursesObject
{
    public WireNode<List<WireNode<WireCourse>>> Courses { get; set; }
}
