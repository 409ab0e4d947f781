using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>Registration, login, PBKDF2 password hashes and bearer-token authentication.</summary>
static class DotnetAuthFiles
{
    public static IReadOnlyList<GeneratedFile> Files(AppSpec spec)
    {
        var id = spec.Identifier;
        var dir = $"{AppLayout.ProjectDirectory(spec)}/Auth";
        return
        [
            new($"{dir}/PasswordHasher.cs", $$"""
                using System.Security.Cryptography;

                namespace {{id}}.Auth;

                /// <summary>PBKDF2-SHA256 with a random salt; the stored form is "pbkdf2-sha256$iterations$salt$hash".</summary>
                public static class PasswordHasher
                {
                    const int Iterations = 100_000;
                    const int SaltSize = 16;
                    const int HashSize = 32;

                    public static string Hash(string password)
                    {
                        var salt = RandomNumberGenerator.GetBytes(SaltSize);
                        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashSize);
                        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
                    }

                    public static bool Verify(string password, string stored)
                    {
                        var parts = stored.Split('$');
                        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
                        var salt = Convert.FromBase64String(parts[2]);
                        var expected = Convert.FromBase64String(parts[3]);
                        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
                        return CryptographicOperations.FixedTimeEquals(actual, expected);
                    }
                }

                """),
            new($"{dir}/TokenAuthentication.cs", $$"""
                using System.Collections.Concurrent;
                using System.Security.Claims;
                using System.Security.Cryptography;
                using System.Text.Encodings.Web;
                using Microsoft.AspNetCore.Authentication;
                using Microsoft.Extensions.Options;
                using {{id}}.Data;

                namespace {{id}}.Auth;

                public sealed class UserAccount : IRecord
                {
                    public Guid Id { get; init; }
                    public string Email { get; init; } = "";
                    public string PasswordHash { get; init; } = "";
                    public DateTimeOffset CreatedAt { get; init; }
                }

                /// <summary>Random 256-bit bearer tokens, valid for 24 hours, kept in memory.</summary>
                public sealed class TokenStore(TimeProvider time)
                {
                    static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
                    readonly ConcurrentDictionary<string, (Guid UserId, DateTimeOffset Expires)> tokens = new();

                    public string Issue(Guid userId)
                    {
                        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                        tokens[token] = (userId, time.GetUtcNow() + Lifetime);
                        return token;
                    }

                    public Guid? UserFor(string token)
                    {
                        if (!tokens.TryGetValue(token, out var entry)) return null;
                        if (entry.Expires > time.GetUtcNow()) return entry.UserId;
                        tokens.TryRemove(token, out _);
                        return null;
                    }
                }

                public sealed class TokenAuthenticationHandler(
                    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens)
                    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
                {
                    public const string Scheme = "Bearer";

                    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
                    {
                        var header = Request.Headers.Authorization.ToString();
                        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
                        if (tokens.UserFor(header["Bearer ".Length..].Trim()) is not { } userId)
                            return Task.FromResult(AuthenticateResult.Fail("The token is unknown or expired."));
                        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], Scheme);
                        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme)));
                    }

                    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                    {
                        Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Response.WriteAsJsonAsync(new
                        {
                            title = "Unauthorized",
                            status = 401,
                            detail = "Sign in and send the token as 'Authorization: Bearer <token>'.",
                        });
                    }
                }

                public static class AuthenticationExtensions
                {
                    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services)
                    {
                        services.AddSingleton(TimeProvider.System);
                        services.AddSingleton<TokenStore>();
                        services.AddAuthentication(TokenAuthenticationHandler.Scheme)
                            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.Scheme, null);
                        services.AddAuthorization();
                        return services;
                    }

                    public static Guid UserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
                }

                """),
            new($"{dir}/AuthEndpoints.cs", $$"""
                using System.Security.Claims;
                using System.Text.RegularExpressions;
                using {{id}}.Data;

                namespace {{id}}.Auth;

                public sealed record Credentials(string? Email, string? Password);

                /// <summary>/api/auth: register, login, and who am I.</summary>
                public static partial class AuthEndpoints
                {
                    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
                    {
                        var api = app.MapGroup("/api/auth").WithTags("Auth");
                        api.MapPost("/register", Register);
                        api.MapPost("/login", Login);
                        api.MapGet("/me", Me).RequireAuthorization();
                        return api;
                    }

                    static readonly Lock RegistrationGate = new();

                    static IResult Register(Credentials credentials, JsonStore<UserAccount> users, TokenStore tokens)
                    {
                        var errors = new Dictionary<string, string[]>();
                        var email = credentials.Email?.Trim().ToLowerInvariant() ?? "";
                        if (!EmailPattern().IsMatch(email)) errors["email"] = ["email must be an email address."];
                        if (credentials.Password is not { Length: >= 8 and <= 200 }) errors["password"] = ["password must be 8 to 200 characters long."];
                        if (errors.Count > 0) return Results.ValidationProblem(errors);

                        UserAccount user;
                        lock (RegistrationGate)
                        {
                            if (users.All().Any(u => u.Email == email))
                                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email taken", detail: "An account with this email already exists.");
                            user = new UserAccount { Id = Guid.NewGuid(), Email = email, PasswordHash = PasswordHasher.Hash(credentials.Password!), CreatedAt = DateTimeOffset.UtcNow };
                            users.Add(user);
                        }
                        return Results.Created("/api/auth/me", new { id = user.Id, email = user.Email, token = tokens.Issue(user.Id) });
                    }

                    static IResult Login(Credentials credentials, JsonStore<UserAccount> users, TokenStore tokens)
                    {
                        var email = credentials.Email?.Trim().ToLowerInvariant();
                        var user = users.All().FirstOrDefault(u => u.Email == email);
                        if (user is null || credentials.Password is null || !PasswordHasher.Verify(credentials.Password, user.PasswordHash))
                            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Wrong email or password.");
                        return Results.Ok(new { token = tokens.Issue(user.Id) });
                    }

                    static IResult Me(ClaimsPrincipal principal, JsonStore<UserAccount> users) =>
                        users.Find(principal.UserId()) is { } user
                            ? Results.Ok(new { id = user.Id, email = user.Email })
                            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The account no longer exists.");

                    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
                    private static partial Regex EmailPattern();
                }

                """),
        ];
    }
}
