using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>
/// The last line of defence before an item leaves the process: values under sensitive field names, the values
/// of configured secrets, participant names and texts seen so far, e-mail addresses, JWTs and bearer tokens.
/// </summary>
internal sealed partial class RollbarScrubber
{
    public const string Replacement = "[scrubbed]";

    private static readonly HashSet<string> SensitiveFields = new(StringComparer.Ordinal)
    {
        "name", "fullname", "firstname", "lastname", "participantname", "participants",
        "preparationintent", "desiredresults", "linemanagerprofile",
        "email", "emailaddress", "mail",
        "authorization", "proxyauthorization", "cookie", "setcookie",
        "token", "accesstoken", "refreshtoken", "idtoken", "bearer", "xrollbaraccesstoken",
        "password", "pass", "passwd", "secret", "clientsecret", "cronsecret", "smtppass",
        "apikey", "xapikey", "hemeraapikey",
    };

    private static readonly HashSet<string> PiiFields = new(StringComparer.Ordinal) { "userid", "user", "person" };

    private readonly string[] _secrets;
    private readonly bool _piiAllowed;
    private readonly PersonalDataRegistry _personalData;

    public RollbarScrubber(IOptions<RollbarOptions> options, IOptions<MonitoringSecrets> secrets, PersonalDataRegistry personalData)
    {
        _secrets = secrets.Value.Values.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
        _piiAllowed = options.Value.PiiAllowed;
        _personalData = personalData;
    }

    public void Scrub(JsonNode? node)
    {
        var personal = _personalData.Snapshot();
        ScrubNode(node, personal);
    }

    /// <summary>For text that is not part of an item, like an e-mail body.</summary>
    public string ScrubText(string text) => ScrubString(text, _personalData.Snapshot());

    private void ScrubNode(JsonNode? node, IReadOnlyList<string> personal)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToArray())
                {
                    if (IsSensitive(key))
                    {
                        obj[key] = Replacement;
                    }
                    else if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var scrubbed = ScrubString(text, personal);
                        if (!ReferenceEquals(scrubbed, text))
                        {
                            obj[key] = scrubbed;
                        }
                    }
                    else
                    {
                        ScrubNode(child, personal);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var scrubbed = ScrubString(text, personal);
                        if (!ReferenceEquals(scrubbed, text))
                        {
                            array[i] = scrubbed;
                        }
                    }
                    else
                    {
                        ScrubNode(array[i], personal);
                    }
                }

                break;
        }
    }

    private bool IsSensitive(string key)
    {
        var normalized = Normalize(key);
        return SensitiveFields.Contains(normalized) || (!_piiAllowed && PiiFields.Contains(normalized));
    }

    private static string Normalize(string key) =>
        string.Concat(key.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private string ScrubString(string text, IReadOnlyList<string> personal)
    {
        var result = text;
        foreach (var secret in _secrets)
        {
            result = result.Replace(secret, Replacement, StringComparison.Ordinal);
        }

        foreach (var value in personal)
        {
            result = result.Replace(value, Replacement, StringComparison.Ordinal);
        }

        result = BearerPattern().Replace(result, "Bearer " + Replacement);
        result = JwtPattern().Replace(result, Replacement);
        result = EmailPattern().Replace(result, Replacement);
        return result == text ? text : result;
    }

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-._~+/]{12,}=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();
}
