using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Tests.Client.Support;

namespace Klaviyo.Actions.Tests.Batching.Wire.Support;

/// <summary>
/// A fake of <c>GET /api/profiles?filter=any(field,[…])</c>: parses the filter, matches stored profiles (emails
/// case-insensitively, as Klaviyo does), and pages the matches <see cref="PageSize"/> at a time with an absolute
/// <c>links.next</c> carrying <c>page[cursor]</c>.
/// </summary>
internal sealed class ProfileDirectory
{
    private readonly List<(string Id, string? Email, string? Phone, string? ExternalId)> _profiles = [];

    /// <summary>Profiles per page; Klaviyo may return fewer than asked, and clients must follow <c>links.next</c>.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Answer without identifier values in <c>attributes</c> (as with a sparse fieldset).</summary>
    public bool OmitIdentifiers { get; set; }

    /// <summary>Answers instead of the directory when it returns a response (faults).</summary>
    public Func<CapturedRequest, HttpResponseMessage?>? Override { get; set; }

    /// <summary>The filters asked, decoded, in order.</summary>
    public List<string> Filters { get; } = [];

    public void Add(string id, string? email = null, string? phone = null, string? externalId = null) =>
        _profiles.Add((id, email, phone, externalId));

    public HttpResponseMessage Answer(CapturedRequest request)
    {
        if (Override?.Invoke(request) is { } overridden)
        {
            return overridden;
        }

        string filter = request.Query["filter"] ?? throw new InvalidOperationException("GET /api/profiles without a filter.");
        lock (Filters)
        {
            Filters.Add(filter);
        }

        if (!filter.StartsWith("any(", StringComparison.Ordinal) || !filter.EndsWith(')'))
        {
            return BulkWireMock.Json(HttpStatusCode.BadRequest, """{"errors":[{"id":"f","status":400,"code":"invalid","title":"Invalid input.","detail":"bad filter","source":{"parameter":"filter"}}]}""");
        }

        int comma = filter.IndexOf(',', StringComparison.Ordinal);
        string field = filter[4..comma];
        string[] values = JsonSerializer.Deserialize<string[]>(filter[(comma + 1)..^1])!;
        var matches = _profiles.Where(p => values.Any(v => Matches(p, field, v))).ToList();
        int offset = int.Parse(request.Query["page[cursor]"] ?? "0", CultureInfo.InvariantCulture);
        var page = matches.Skip(offset).Take(PageSize).ToList();
        string? next = offset + PageSize < matches.Count
            ? string.Create(CultureInfo.InvariantCulture, $"https://a.klaviyo.com/api/profiles?filter={Uri.EscapeDataString(filter)}&page%5Bsize%5D=100&page%5Bcursor%5D={offset + PageSize}")
            : null;

        var data = new JsonArray();
        foreach (var profile in page)
        {
            var attributes = OmitIdentifiers
                ? new JsonObject { ["first_name"] = "x" }
                : new JsonObject { ["email"] = profile.Email, ["phone_number"] = profile.Phone, ["external_id"] = profile.ExternalId, ["first_name"] = null };
            data.Add(new JsonObject { ["type"] = "profile", ["id"] = profile.Id, ["attributes"] = attributes });
        }

        var body = new JsonObject
        {
            ["data"] = data,
            ["links"] = new JsonObject { ["self"] = "https://a.klaviyo.com/api/profiles", ["next"] = next, ["prev"] = null },
        };
        return BulkWireMock.Json(HttpStatusCode.OK, body.ToJsonString());
    }

    private static bool Matches((string Id, string? Email, string? Phone, string? ExternalId) profile, string field, string value) => field switch
    {
        "email" => string.Equals(profile.Email, value, StringComparison.OrdinalIgnoreCase),
        "phone_number" => profile.Phone == value,
        "external_id" => profile.ExternalId == value,
        _ => false,
    };
}
