using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

/// <summary>An object or array, or the token of whatever stood in its place (<see cref="JsonTokenType.None"/> when absent).</summary>
[JsonConverter(typeof(WireNodeConverterFactory))]
internal readonly record struct WireNode<T>(JsonTokenType Token, T? Value) where T : class;
