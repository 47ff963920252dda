using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Hub.Security;

/// <summary>
/// Cluster and admin tokens: 32 random bytes, shown once, stored as SHA-256. A slow hash (PBKDF2,
/// bcrypt) protects guessable passwords; a 256-bit random token cannot be guessed, so one fast hash
/// is as strong and keeps thousands of reconnecting agents cheap to authenticate.
/// </summary>
internal static class Tokens
{
    public const string Prefix = "fot_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison of two hex hashes, so timing tells an attacker nothing.</summary>
    public static bool HashesEqual(string expectedHash, string actualHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHash), Encoding.ASCII.GetBytes(actualHash));

    public static bool Matches(string expectedHash, string? token) => token is not null && HashesEqual(expectedHash, Hash(token));

    /// <summary>A second secret made from a token for one purpose (HMAC-SHA256 keyed with the token), from which the token cannot be recovered.</summary>
    public static string Derive(string token, string purpose) =>
        Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(purpose)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
