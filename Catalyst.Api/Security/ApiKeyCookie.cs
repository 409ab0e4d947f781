using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Catalyst.Api.Security;

/// <summary>
/// The cookie a browser keeps after signing in with the API key. It is not the key: a data-protected, expiring
/// token carrying an HMAC fingerprint of the key, so a leaked cookie never reveals the key, stops working when the
/// key changes, and cannot be sent as X-Api-Key. The data-protection keys live in the data root (they survive restarts).
/// </summary>
public sealed class ApiKeyCookie(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string Name = "catalyst_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    readonly ITimeLimitedDataProtector protector = dataProtection.CreateProtector("Catalyst.ApiKeyCookie.v1").ToTimeLimitedDataProtector();

    public void Issue(HttpContext context, string apiKey) =>
        context.Response.Cookies.Append(Name, protector.Protect(Fingerprint(apiKey), time.GetUtcNow() + Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            // Over https, directly or through a TLS-terminating proxy on this machine, it never travels in clear.
            Secure = context.Request.IsHttps || Forwarded.IsHttps(context.Request),
            MaxAge = Lifetime,
            Path = "/",
        });

    public bool Verifies(HttpRequest request, string apiKey)
    {
        if (request.Cookies[Name] is not { Length: > 0 } token) return false;
        try
        {
            var fingerprint = protector.Unprotect(token, out _); // throws once expired or tampered with
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(fingerprint), Encoding.UTF8.GetBytes(Fingerprint(apiKey)));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    static string Fingerprint(string apiKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), "catalyst browser session"u8));
}
