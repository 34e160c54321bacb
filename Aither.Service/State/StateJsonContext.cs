using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aither.Service.State;

/// <summary>Source-generated JSON for the <c>errors</c> column.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredError[]))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
