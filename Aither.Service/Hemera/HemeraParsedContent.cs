namespace Aither.Service.Hemera;

/// <summary>What <see cref="HemeraBodyLimitHandler"/> read from a body: the reader's result, or an error body's bytes.</summary>
internal sealed class HemeraParsedContent(object value) : HttpContent
{
    public object Value { get; } = value;

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => throw new NotSupportedException();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
