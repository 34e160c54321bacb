using System.Collections;

namespace Aither.Service.Observability;

/// <summary>
/// A log scope of one named value (<c>RequestId</c>, <c>JobId</c>). Structured like a dictionary for the JSON log,
/// and readable as text (<c>RequestId:req-…</c>) where a provider prints scopes as strings.
/// </summary>
public sealed class LogScope(string name, string value) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RequestId = "RequestId";
    public const string JobId = "JobId";

    public string Name { get; } = name;

    public string Value { get; } = value;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Name, Value) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name}:{Value}";
}
