namespace Aither.Service.Hemera;

/// <summary>The body exceeds HEMERA_MAX_RESPONSE_BYTES. Not transient, so never retried.</summary>
internal sealed class HemeraResponseTooLargeException(long maxBytes)
    : Exception($"Hemera's response is larger than HEMERA_MAX_RESPONSE_BYTES ({maxBytes} bytes).")
{
    public long MaxBytes { get; } = maxBytes;
}
