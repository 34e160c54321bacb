using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

/// <summary>Any JSON value: its token (<see cref="JsonTokenType.None"/> when the field is absent), a string's text, an integer's value.</summary>
[JsonConverter(typeof(WireFieldConverter))]
internal readonly record struct WireField(JsonTokenType Token, string? Text = null, int? Integer = null);
