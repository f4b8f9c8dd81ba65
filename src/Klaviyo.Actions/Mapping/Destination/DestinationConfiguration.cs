using System.Text;
using System.Text.Json;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A destination's settings and mappings, loaded from JSON in Segment's shape so a saved Segment mapping pastes
/// in unchanged, or built in code.
/// </summary>
/// <remarks>
/// <code language="json">
/// {
///   "settings": { "api_key": "pk_..." },
///   "mappings": [
///     { "name": "Identify", "action": "upsertProfile", "trigger": "type = \"identify\"", "enabled": true,
///       "mapping": { "list_id": "XyZ123" }, "useDefaults": true }
///   ]
/// }
/// </code>
/// <para><c>mapping</c> omitted: the action's defaults. <c>useDefaults: true</c>: <c>mapping</c> laid over the
/// defaults. Otherwise <c>mapping</c> is used exactly as given, like a saved Segment mapping. <c>trigger</c>
/// omitted: the action's default trigger. Segment Public API spellings are accepted too: <c>actionSlug</c> for
/// <c>action</c>, <c>subscribe</c> for <c>trigger</c>, <c>settings</c> (inside a mapping) for <c>mapping</c>, and
/// <c>subscriptions</c> for <c>mappings</c>. Unknown keys are ignored.</para>
/// <para>Reverse ETL mappings name <c>changeTypes</c> (<c>added</c>, <c>updated</c>, <c>deleted</c>) instead of a
/// trigger, or say <c>"reverseEtl": true</c> to use the action's default change types (Upsert Profile: added and
/// updated; Track Event, Order Completed, Subscribe Profile: added; Remove Profile, Unsubscribe Profile: deleted). Upsert Profile's "connect to a static list" hook is
/// <c>"hooks": {"retlOnMappingSave": {"inputs": {"list_identifier": "..."} }}</c> (or <c>list_name</c>; a saved
/// <c>outputs.id</c> is used as an existing list).</para>
/// <para>Classic mode: <c>{"mode": "classic", "settings": {"privateKey": "...", "listId": "...", "enforceEmail":
/// true, ...}}</c> with no mappings.</para>
/// </remarks>
public sealed class DestinationConfiguration
{
    /// <summary>Segment's limit on mappings per destination instance.</summary>
    public const int MaxMappings = 50;

    /// <summary>Creates a configuration in code.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="mappings">The mappings (at most <see cref="MaxMappings"/>).</param>
    /// <exception cref="ArgumentException">More than <see cref="MaxMappings"/> mappings.</exception>
    public DestinationConfiguration(DestinationSettings settings, IEnumerable<MappingDefinition> mappings)
        : this(settings, mappings?.ToList() ?? throw new ArgumentNullException(nameof(mappings)), null, [])
    {
    }

    private DestinationConfiguration(DestinationSettings settings, List<MappingDefinition> mappings, ClassicSettings? classic, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (mappings.Count > MaxMappings)
        {
            throw new ArgumentException($"A destination holds at most {MaxMappings} mappings; got {mappings.Count}.", nameof(mappings));
        }

        Settings = settings;
        Mappings = settings.MarkWrittenProfiles ? mappings.ConvertAll(m => m.WithProfileMarker()) : mappings;
        Classic = classic;
        Warnings = warnings.Concat(mappings.SelectMany(m => m.Trigger?.Warnings.Select(w => $"{m.Name}: {w}") ?? [])).ToList();
    }

    /// <summary>The destination settings.</summary>
    public DestinationSettings Settings { get; }

    /// <summary>The mappings, in order.</summary>
    public IReadOnlyList<MappingDefinition> Mappings { get; }

    /// <summary>Classic mode settings; <see langword="null"/> in the (default) actions mode.</summary>
    public ClassicSettings? Classic { get; }

    /// <summary>Things that load but probably do not do what was meant (e.g. a trigger that can never match).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The API key of whichever mode is configured (<c>api_key</c>, or classic <c>privateKey</c>). A secret.</summary>
    public string? ApiKey => Classic?.ApiKey ?? Settings.ApiKey;

    /// <summary>A classic-mode configuration.</summary>
    /// <param name="classic">The classic settings.</param>
    public static DestinationConfiguration ForClassic(ClassicSettings classic)
    {
        ArgumentNullException.ThrowIfNull(classic);
        return new DestinationConfiguration(new DestinationSettings { ApiKey = classic.ApiKey }, [], classic, []);
    }

    /// <summary>Loads a configuration from JSON text.</summary>
    /// <param name="json">The configuration.</param>
    /// <exception cref="DestinationConfigurationException">Every problem found, with its location.</exception>
    public static DestinationConfiguration Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Loads a configuration from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The configuration.</param>
    /// <exception cref="DestinationConfigurationException">Every problem found, with its location.</exception>
    public static DestinationConfiguration Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new DestinationConfigurationException([new ConfigurationProblem("$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})")]);
        }

        using (document)
        {
            return FromJson(document.RootElement);
        }
    }

    /// <summary>Loads a configuration from a UTF-8 JSON stream (for example a file).</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="DestinationConfigurationException">Every problem found, with its location.</exception>
    public static async Task<DestinationConfiguration> LoadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        await utf8Json.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Parse(buffer.ToArray());
    }

    /// <summary>Loads a configuration from a JSON element.</summary>
    /// <param name="json">The configuration object.</param>
    /// <exception cref="DestinationConfigurationException">Every problem found, with its location.</exception>
    public static DestinationConfiguration FromJson(JsonElement json)
    {
        var reader = new DestinationConfigurationReader();
        var (settings, mappings, classic, warnings) = reader.Read(json);
        if (reader.Problems.Count > 0)
        {
            throw new DestinationConfigurationException(reader.Problems);
        }

        return new DestinationConfiguration(settings, mappings, classic, warnings);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Classic is not null ? $"Klaviyo destination (classic mode) {Classic}" : $"Klaviyo destination with {Mappings.Count} mappings, {Settings}";
}
