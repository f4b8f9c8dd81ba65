using System.Globalization;
using System.Text;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Fuzz;

/// <summary>
/// Generates a deterministic corpus of Segment inputs, most of them malformed (issue 14): truncated JSON, duplicate
/// keys, lone surrogates, nesting too deep, wrong types for every spec field, huge numbers, NaN-like strings, blank
/// lines, non-objects, binary garbage, very long strings, email and phone numbers as property names, missing
/// identifiers and invalid timestamps, with valid events mixed in. Each input says what reading it must give. No input
/// holds a line break, so the corpus can be written as JSON lines.
/// </summary>
internal static class MalformedInputCorpus
{
    /// <summary>The seed the tests use.</summary>
    public const int Seed = 14_2026;

    /// <summary>The share of valid events, in percent.</summary>
    private const int ValidPercent = 30;

    private static readonly FuzzKind[] MalformedKinds =
    [
        FuzzKind.Truncated, FuzzKind.DuplicateKey, FuzzKind.LoneSurrogate, FuzzKind.TooDeep, FuzzKind.WrongType,
        FuzzKind.HugeNumber, FuzzKind.NanLike, FuzzKind.Blank, FuzzKind.NonObject, FuzzKind.Garbage,
        FuzzKind.EmailKey, FuzzKind.MissingIdentifiers, FuzzKind.InvalidTimestamp,
    ];

    /// <summary>Top-level spec fields and JSON values of the wrong type for each.</summary>
    private static readonly (string Field, string[] Values)[] WrongTypes =
    [
        ("type", ["7", "[\"track\"]", "{}", "true"]),
        ("event", ["5", "[]", "{\"name\":\"E\"}", "false"]),
        ("userId", ["{}", "[1]", "true"]),
        ("anonymousId", ["{\"id\":1}", "[]", "false"]),
        ("messageId", ["{}", "[\"m\"]"]),
        ("timestamp", ["12345", "true", "{}"]),
        ("traits", ["\"str\"", "[1]", "5"]),
        ("properties", ["\"str\"", "[]", "7"]),
        ("context", ["5", "\"x\"", "[]"]),
        ("integrations", ["\"x\"", "5", "[true]"]),
    ];

    /// <summary>Generates <paramref name="count"/> inputs; the first is always a valid event.</summary>
    public static IReadOnlyList<FuzzInput> Generate(int count, int seed = Seed)
    {
        var random = new Random(seed);
        var inputs = new List<FuzzInput>(count);
        for (int i = 0; i < count; i++)
        {
            int roll = random.Next(100);
            var kind = i == 0 || roll < ValidPercent ? FuzzKind.Valid
                : roll == ValidPercent ? FuzzKind.LongString
                : MalformedKinds[random.Next(MalformedKinds.Length)];
            inputs.Add(Create(kind, i, random));
        }

        return inputs;
    }

    /// <summary>One input of each malformed kind that can sit in a <c>/v1/batch</c> array and must be refused as an event.</summary>
    public static IReadOnlyList<FuzzInput> OnePoisonOfEachKind(int seed = Seed)
    {
        var random = new Random(seed);
        FuzzKind[] kinds = [FuzzKind.DuplicateKey, FuzzKind.LoneSurrogate, FuzzKind.TooDeep, FuzzKind.WrongType, FuzzKind.NonObject, FuzzKind.InvalidTimestamp];
        var poisons = new List<FuzzInput>();
        foreach (var kind in kinds)
        {
            FuzzInput poison;
            do
            {
                poison = Create(kind, 9_000 + poisons.Count, random);
            }

            // The web sample fills in an empty timestamp (as Segment does), which would make that message readable.
            while (poison.Text.Contains("\"timestamp\":\"\"", StringComparison.Ordinal));
            poisons.Add(poison);
        }

        return poisons;
    }

    private static FuzzInput Create(FuzzKind kind, int i, Random random)
    {
        string id = "fz-" + i.ToString(CultureInfo.InvariantCulture);
        switch (kind)
        {
            case FuzzKind.Valid:
                return new FuzzInput(i, kind, ValidEvent(id, i, random.Next(4)), id, null, null) { MustBeReadable = true };
            case FuzzKind.Truncated:
            {
                string whole = ValidEvent(id, i, random.Next(4));
                return new FuzzInput(i, kind, whole[..random.Next(1, whole.Length - 1)], null, "$", "json") { IsJson = false, MustBeUnreadable = true };
            }

            case FuzzKind.DuplicateKey:
                return random.Next(3) switch
                {
                    0 => Unreadable(i, kind, id, Track(id, i, extra: ",\"event\":\"Other\""), "event", "duplicate_key"),
                    1 => Unreadable(i, kind, id, Track(id, i, properties: "{\"sku\":\"a\",\"price\":1,\"sku\":\"b\"}"), "properties.sku", "duplicate_key"),
                    _ => Unreadable(i, kind, id, Track(id, i, properties: "{\"items\":[{\"k\":1},{\"k\":1,\"k\":2}]}"), "properties.items[1].k", "duplicate_key"),
                };
            case FuzzKind.LoneSurrogate:
                return random.Next(3) switch
                {
                    0 => Unreadable(i, kind, id, Track(id, i, eventName: "Great gift \\ud83d"), "event", "invalid_unicode"),
                    1 => Unreadable(i, kind, id, Track(id, i, properties: "{\"title\":\"half \\udc00 an emoji\"}"), "properties.title", "invalid_unicode"),
                    _ => Unreadable(i, kind, id, Track(id, i, properties: "{\"\\ud800\":1}"), "properties.<invalid key>", "invalid_unicode"),
                };
            case FuzzKind.TooDeep:
            {
                // The event is one level and properties a second: 63 nested arrays inside reach depth 65.
                int arrays = random.Next(63, 300);
                string deep = "{\"a\":" + new string('[', arrays) + new string(']', arrays) + "}";
                return Unreadable(i, kind, id, Track(id, i, properties: deep), "properties", "max_depth");
            }

            case FuzzKind.WrongType:
            {
                var (field, values) = WrongTypes[random.Next(WrongTypes.Length)];
                string value = values[random.Next(values.Length)];
                string text = TrackWith(id, i, field, value);
                return new FuzzInput(i, kind, text, field == "messageId" ? null : id, field, null) { MustBeUnreadable = true };
            }

            case FuzzKind.HugeNumber:
            {
                string[] properties = ["{\"n\":1e999}", "{\"price\":-1e999}", "{\"big\":123456789012345678901234567890}", "{\"revenue\":1e400,\"tiny\":1e-400}"];
                return Readable(i, kind, id, Track(id, i, properties: properties[random.Next(properties.Length)]));
            }

            case FuzzKind.NanLike:
                return random.Next(2) == 0
                    ? Readable(i, kind, id, Order(id, i, revenue: "\"NaN\"", price: "\"Infinity\""))
                    : new FuzzInput(i, kind, Track(id, i, properties: "{\"price\":NaN,\"value\":-Infinity}"), null, "$", "json") { IsJson = false, MustBeUnreadable = true };
            case FuzzKind.Blank:
            {
                string[] blanks = [string.Empty, " ", "\t", "  \t  "];
                return new FuzzInput(i, kind, blanks[random.Next(blanks.Length)], null, "$", "json") { IsJson = false, MustBeUnreadable = true };
            }

            case FuzzKind.NonObject:
            {
                string[] values = ["42", "\"identify\"", "[1,2]", "null", "true", "[]", "-0.5e3", "[{\"type\":\"track\"}]"];
                return new FuzzInput(i, kind, values[random.Next(values.Length)], null, "$", "object") { MustBeUnreadable = true };
            }

            case FuzzKind.Garbage:
                return new FuzzInput(i, kind, Garbage(random), null, "$", null) { IsJson = false, MustBeUnreadable = true };
            case FuzzKind.LongString:
            {
                string description = new('x', random.Next(20_000, 150_000));
                return Readable(i, kind, id, Track(id, i, properties: "{\"description\":\"" + description + "\"}"));
            }

            case FuzzKind.EmailKey:
            {
                string phone = "+1 415 555 " + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture);
                string[] properties =
                [
                    $"{{\"jane.doe{i}@example.com\":1e999}}",
                    $"{{\"{phone}\":\"NaN\",\"sku\":\"s\"}}",
                    $"{{\"jane{i}@example.com\":{{\"nested\":true}},\"note\":\"ok\"}}",
                ];
                return Readable(i, kind, id, Track(id, i, properties: properties[random.Next(properties.Length)]));
            }

            case FuzzKind.MissingIdentifiers:
                return random.Next(2) == 0
                    ? Readable(i, kind, id, $"{{\"type\":\"track\",\"messageId\":\"{id}\",\"event\":\"Viewed Product\",\"properties\":{{\"sku\":\"s\"}}}}")
                    : Readable(i, kind, id, $"{{\"type\":\"identify\",\"messageId\":\"{id}\",\"traits\":{{\"firstName\":\"Nobody\"}}}}");
            case FuzzKind.InvalidTimestamp:
            {
                string[] stamps = ["\"not a date\"", "\"2024-13-45T99:00:00Z\"", "\"\"", "\"yesterday\"", "\"2024-02-30\""];
                return Unreadable(i, kind, id, TrackWith(id, i, "timestamp", stamps[random.Next(stamps.Length)]), "timestamp", "datetime");
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static FuzzInput Readable(int i, FuzzKind kind, string id, string text) =>
        new(i, kind, text, id, null, null) { MustBeReadable = true };

    private static FuzzInput Unreadable(int i, FuzzKind kind, string id, string text, string field, string rule) =>
        new(i, kind, text, id, field, rule) { MustBeUnreadable = true };

    /// <summary>A valid identify, track, Order Completed or page event.</summary>
    private static string ValidEvent(string id, int i, int shape) => shape switch
    {
        0 => $"{{\"type\":\"identify\",\"messageId\":\"{id}\",\"userId\":\"user-{i}\",\"traits\":{{\"email\":\"person{i}@fuzz.test\",\"firstName\":\"Ann\"}}}}",
        1 => Track(id, i),
        2 => Order(id, i, revenue: "20", price: "10"),
        _ => $"{{\"type\":\"page\",\"messageId\":\"{id}\",\"userId\":\"user-{i}\",\"name\":\"Home\",\"properties\":{{\"path\":\"/\"}}}}",
    };

    private static string Track(string id, int i, string eventName = "Viewed Product", string properties = "{\"sku\":\"SKU\",\"price\":12.5}", string extra = "") =>
        $"{{\"type\":\"track\",\"messageId\":\"{id}\",\"userId\":\"user-{i}\",\"event\":\"{eventName}\",\"properties\":{properties},\"context\":{{\"traits\":{{\"email\":\"person{i}@fuzz.test\"}}}}{extra}}}";

    private static string Order(string id, int i, string revenue, string price) =>
        $"{{\"type\":\"track\",\"messageId\":\"{id}\",\"userId\":\"user-{i}\",\"event\":\"Order Completed\",\"properties\":{{\"order_id\":\"o-{i}\",\"revenue\":{revenue},\"currency\":\"USD\",\"products\":[{{\"product_id\":\"p-1\",\"price\":{price}}},{{\"product_id\":\"p-2\",\"price\":1}}]}},\"context\":{{\"traits\":{{\"email\":\"person{i}@fuzz.test\"}}}}}}";

    /// <summary>A valid track event with one top-level field set to <paramref name="value"/> (raw JSON).</summary>
    private static string TrackWith(string id, int i, string field, string value)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("type", "\"track\""),
            ("messageId", $"\"{id}\""),
            ("userId", $"\"user-{i}\""),
            ("event", "\"Viewed Product\""),
            ("properties", "{\"sku\":\"SKU\"}"),
            ("context", $"{{\"traits\":{{\"email\":\"person{i}@fuzz.test\"}}}}"),
        };
        int at = fields.FindIndex(f => f.Name == field);
        if (at >= 0)
        {
            fields[at] = (field, value);
        }
        else
        {
            fields.Add((field, value));
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Value}")) + "}";
    }

    /// <summary>Printable ASCII, control characters (no line breaks) and Latin-1/Greek/Cyrillic letters.</summary>
    private static string Garbage(Random random)
    {
        var text = new StringBuilder();
        for (int n = random.Next(1, 200); n > 0; n--)
        {
            int roll = random.Next(10);
            char c = roll < 6 ? (char)random.Next(32, 127)
                : roll < 8 ? (char)random.Next(0, 32)
                : (char)random.Next(0x80, 0x800);
            text.Append(c is '\n' or '\r' ? '?' : c);
        }

        // A leading '[' would make a line reader take the whole file for one JSON array.
        return text[0] == '[' ? "?" + text : text.ToString();
    }
}
