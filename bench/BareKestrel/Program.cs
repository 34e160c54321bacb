// The floor for Aither's status read in bench/ratios: Kestrel with nothing but a bearer check, answering every
// GET /api/sync with the bytes Aither answered (BARE_BODY_FILE). BARE_TOKEN is the expected bearer token.
using System.Text;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var expected = Encoding.ASCII.GetBytes("Bearer " + (Environment.GetEnvironmentVariable("BARE_TOKEN") ?? "bench"));
var bodyFile = Environment.GetEnvironmentVariable("BARE_BODY_FILE");
var body = bodyFile is null ? "{}"u8.ToArray() : File.ReadAllBytes(bodyFile);

app.MapGet("/api/sync", (HttpContext context) =>
{
    var authorization = context.Request.Headers.Authorization.ToString();
    if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(authorization), expected))
    {
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    return Results.Bytes(body, "application/json; charset=utf-8");
});

app.Run();
