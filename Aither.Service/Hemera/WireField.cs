using System.Text.Json;

namespace Aither.Service.Hemera;

/// <summary>Any JSON value as read: its token (<see cref="JsonTokenType.None"/> when the field is absent), a string's text, an integer's value.</summary>
internal readonly record struct WireField(JsonTokenType Token, string? Text = null, int? Integer = null);
