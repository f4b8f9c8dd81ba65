using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// A Klaviyo that accepts everything at once, in process: every path the SDK calls is answered with the smallest
/// valid 2xx body (profile import 201 with a profile id, events 202, bulk jobs 202 with a job id, subscriptions 202,
/// list relationships 204, profile and list look-ups with empty pages, a created list with an id). No network, no
/// state, and request bodies are not read, so a run over it measures the SDK's routing, queue and serialization
/// without HTTP. Anything else is a 404, so a benchmark that strays fails loudly. Thread-safe.
/// </summary>
internal sealed class AcceptingKlaviyoHandler : HttpMessageHandler
{
    private static readonly byte[] Profile = Utf8("""{"data":{"type":"profile","id":"01BENCHPR0F1LE000000000000","attributes":{}}}""");
    private static readonly byte[] EmptyPage = Utf8("""{"data":[],"links":{"self":null,"next":null,"prev":null}}""");
    private static readonly byte[] ImportJob = Utf8("""{"data":{"type":"profile-bulk-import-job","id":"01BENCHJ0B00000000000000000","attributes":{"status":"queued"}}}""");
    private static readonly byte[] ImportJobComplete = Utf8("""{"data":{"type":"profile-bulk-import-job","id":"01BENCHJ0B00000000000000000","attributes":{"status":"complete","total_count":0,"completed_count":0,"failed_count":0}}}""");
    private static readonly byte[] Account = Utf8("""{"data":[{"type":"account","id":"BENCH0","attributes":{"test_account":true}}],"links":{"next":null}}""");

    private readonly long[] _counts = new long[(int)Route.NotFound + 1];

    /// <summary>The paths answered, one counter each.</summary>
    public enum Route
    {
        /// <summary><c>POST /api/profile-import</c>: 201 with a profile.</summary>
        ProfileImport,

        /// <summary><c>PATCH /api/profiles/{id}</c>: 200 with the profile.</summary>
        ProfileUpdate,

        /// <summary><c>GET /api/profiles</c>: an empty page (no profile matches).</summary>
        ProfileQuery,

        /// <summary><c>POST /api/events</c>: 202.</summary>
        Event,

        /// <summary><c>POST /api/event-bulk-create-jobs</c>: 202.</summary>
        EventBulk,

        /// <summary><c>POST /api/profile-bulk-import-jobs</c>: 202 with a job id.</summary>
        ProfileBulkImport,

        /// <summary><c>GET /api/profile-bulk-import-jobs/{id}</c> (and its import errors): complete, no errors.</summary>
        ProfileBulkImportJob,

        /// <summary><c>POST /api/profile-subscription-bulk-create-jobs</c>: 202.</summary>
        Subscribe,

        /// <summary><c>POST /api/profile-subscription-bulk-delete-jobs</c>: 202.</summary>
        Unsubscribe,

        /// <summary><c>POST</c> or <c>DELETE /api/lists/{id}/relationships/profiles</c>: 204.</summary>
        ListMembers,

        /// <summary><c>GET /api/lists</c> (none found), <c>GET /api/lists/{id}</c> (the list), <c>POST /api/lists</c> (201, created).</summary>
        Lists,

        /// <summary><c>POST /api/data-privacy-deletion-jobs</c>: 202.</summary>
        Deletion,

        /// <summary><c>GET /api/accounts</c>: one account.</summary>
        Accounts,

        /// <summary>Anything else: 404.</summary>
        NotFound,
    }

    /// <summary>Requests answered so far, 404s included.</summary>
    public long Requests
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>Requests answered so far on one route.</summary>
    /// <param name="route">The route.</param>
    public long Count(Route route) => Interlocked.Read(ref _counts[(int)route]);

    /// <summary>Requests per route so far (routes with none left out), named <c>METHOD /path</c>.</summary>
    public IReadOnlyDictionary<string, int> ByRoute()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var route in Enum.GetValues<Route>())
        {
            long n = Count(route);
            if (n > 0)
            {
                counts[Name(route)] = (int)n;
            }
        }

        return counts;
    }

    /// <summary>The route's name as the e2e runner prints endpoints.</summary>
    /// <param name="route">The route.</param>
    public static string Name(Route route) => route switch
    {
        Route.ProfileImport => "POST /api/profile-import",
        Route.ProfileUpdate => "PATCH /api/profiles/{id}",
        Route.ProfileQuery => "GET /api/profiles",
        Route.Event => "POST /api/events",
        Route.EventBulk => "POST /api/event-bulk-create-jobs",
        Route.ProfileBulkImport => "POST /api/profile-bulk-import-jobs",
        Route.ProfileBulkImportJob => "GET /api/profile-bulk-import-jobs/{id}",
        Route.Subscribe => "POST /api/profile-subscription-bulk-create-jobs",
        Route.Unsubscribe => "POST /api/profile-subscription-bulk-delete-jobs",
        Route.ListMembers => "POST|DELETE /api/lists/{id}/relationships/profiles",
        Route.Lists => "GET|POST /api/lists",
        Route.Deletion => "POST /api/data-privacy-deletion-jobs",
        Route.Accounts => "GET /api/accounts",
        _ => "404 (not a Klaviyo path the SDK uses)",
    };

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string path = request.RequestUri?.AbsolutePath ?? string.Empty;
        string method = request.Method.Method;
        var (route, response) = Answer(method, path, request);
        Interlocked.Increment(ref _counts[(int)route]);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    private static (Route Route, HttpResponseMessage Response) Answer(string method, string path, HttpRequestMessage request)
    {
        const string Api = "/api/";
        if (!path.StartsWith(Api, StringComparison.Ordinal))
        {
            return (Route.NotFound, Empty(HttpStatusCode.NotFound));
        }

        string rest = path[Api.Length..].TrimEnd('/');
        switch (method)
        {
            case "POST" when rest == "event-bulk-create-jobs":
                return (Route.EventBulk, Empty(HttpStatusCode.Accepted));
            case "POST" when rest == "profile-bulk-import-jobs":
                return (Route.ProfileBulkImport, Json(HttpStatusCode.Accepted, ImportJob));
            case "POST" when rest == "events":
                return (Route.Event, Empty(HttpStatusCode.Accepted));
            case "POST" when rest == "profile-import":
                return (Route.ProfileImport, Json(HttpStatusCode.Created, Profile));
            case "POST" when rest == "profile-subscription-bulk-create-jobs":
                return (Route.Subscribe, Empty(HttpStatusCode.Accepted));
            case "POST" when rest == "profile-subscription-bulk-delete-jobs":
                return (Route.Unsubscribe, Empty(HttpStatusCode.Accepted));
            case "POST" or "DELETE" when rest.StartsWith("lists/", StringComparison.Ordinal) && rest.EndsWith("/relationships/profiles", StringComparison.Ordinal):
                return (Route.ListMembers, Empty(HttpStatusCode.NoContent));
            case "GET" when rest == "profiles":
                return (Route.ProfileQuery, Json(HttpStatusCode.OK, EmptyPage));
            case "PATCH" when rest.StartsWith("profiles/", StringComparison.Ordinal):
                return (Route.ProfileUpdate, Json(HttpStatusCode.OK, Profile));
            case "GET" when rest.StartsWith("profile-bulk-import-jobs/", StringComparison.Ordinal):
                return (Route.ProfileBulkImportJob, Json(HttpStatusCode.OK, rest.EndsWith("/import-errors", StringComparison.Ordinal) ? EmptyPage : ImportJobComplete));
            case "GET" when rest == "lists":
                return (Route.Lists, Json(HttpStatusCode.OK, EmptyPage));
            case "GET" when rest.StartsWith("lists/", StringComparison.Ordinal) && !rest[6..].Contains('/', StringComparison.Ordinal):
                return (Route.Lists, Json(HttpStatusCode.OK, List(rest[6..], rest[6..])));
            case "POST" when rest == "lists":
                return (Route.Lists, Json(HttpStatusCode.Created, List(ListIdFor(ListName(request)), ListName(request))));
            case "POST" when rest == "data-privacy-deletion-jobs":
                return (Route.Deletion, Empty(HttpStatusCode.Accepted));
            case "GET" when rest == "accounts":
                return (Route.Accounts, Json(HttpStatusCode.OK, Account));
            default:
                return (Route.NotFound, Empty(HttpStatusCode.NotFound));
        }
    }

    /// <summary>The list name of a <c>POST /api/lists</c> body (rare: once per audience), or a fixed one.</summary>
    private static string ListName(HttpRequestMessage request)
    {
        if (request.Content is not ByteArrayContent content)
        {
            return "bench-list";
        }

        using var document = JsonDocument.Parse(content.ReadAsStream());
        return document.RootElement.TryGetProperty("data", out var data) &&
               data.TryGetProperty("attributes", out var attributes) &&
               attributes.TryGetProperty("name", out var name) &&
               name.GetString() is { Length: > 0 } text
            ? text
            : "bench-list";
    }

    /// <summary>A stable 6-character list id for a name, so the same audience always gets the same list.</summary>
    private static string ListIdFor(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> id = stackalloc char[6];
        for (int i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[(int)(hash % (uint)Alphabet.Length)];
            hash /= (uint)Alphabet.Length;
        }

        return new string(id);
    }

    private static byte[] List(string id, string name) =>
        Utf8("{\"data\":{\"type\":\"list\",\"id\":\"" + JsonEncodedText.Encode(id) + "\",\"attributes\":{\"name\":\"" + JsonEncodedText.Encode(name) + "\"}}}");

    private static HttpResponseMessage Empty(HttpStatusCode status) => new(status) { Content = new ByteArrayContent([]) };

    private static HttpResponseMessage Json(HttpStatusCode status, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
        return new HttpResponseMessage(status) { Content = content };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
