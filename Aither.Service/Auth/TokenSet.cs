using System.Security.Cryptography;
using System.Text;

namespace Aither.Service.Auth;

/// <summary>
/// Configured secrets, hashed once, that a presented token is compared against in constant time. Hashing first
/// gives equal-length inputs, so the comparison time says nothing about the tokens. Authentication handlers are
/// created per request; they take their sets from a singleton instead of hashing the configuration every time.
/// </summary>
internal sealed class TokenSet
{
    private readonly byte[][] _hashes;

    public TokenSet(IEnumerable<string> tokens) =>
        _hashes = tokens.Where(token => !string.IsNullOrEmpty(token)).Select(Hash).ToArray();

    public bool Contains(string presented)
    {
        if (_hashes.Length == 0)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        var matches = false;
        foreach (var known in _hashes)
        {
            matches |= CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return matches;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
