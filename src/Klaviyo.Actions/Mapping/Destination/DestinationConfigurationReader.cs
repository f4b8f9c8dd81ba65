using System.Text.Json;

namespace Klaviyo.Actions.Mapping;

/// <summary>Reads the JSON configuration DOM, collecting every problem instead of stopping at the first.</summary>
internal sealed class DestinationConfigurationReader
{
    public List<ConfigurationProblem> Problems { get; } = [];

    public (DestinationSettings Settings, List<MappingDefinition> Mappings, ClassicSettings? Classic, List<string> Warnings) Read(JsonElement root)
    {
        var mappings = new List<MappingDefinition>();
        var warnings = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            Problems.Add(new ConfigurationProblem("$", "the configuration must be a JSON object"));
            return (new DestinationSettings(), mappings, null, warnings);
        }

        string mode = ReadString(root, "mode", "$") ?? "actions";
        var settingsJson = Property(root, "settings");
        if (settingsJson is { ValueKind: not JsonValueKind.Object })
        {
            Problems.Add(new ConfigurationProblem("settings", "must be an object"));
            settingsJson = null;
        }

        var mappingsJson = Property(root, "mappings") ?? Property(root, "subscriptions");
        if (mode == "classic")
        {
            var classic = ReadClassic(settingsJson);
            if (mappingsJson is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0)
            {
                Problems.Add(new ConfigurationProblem("mappings", "classic mode takes no mappings; use mode \"actions\" for mappings"));
            }

            return (new DestinationSettings { ApiKey = classic.ApiKey }, mappings, classic, warnings);
        }

        if (mode != "actions")
        {
            Problems.Add(new ConfigurationProblem("mode", "must be \"actions\" or \"classic\""));
        }

        var settings = new DestinationSettings
        {
            ApiKey = settingsJson is { } s ? ReadString(s, "api_key", "settings") : null,
            CreateAudienceLists = settingsJson is { } s2 ? ReadBool(s2, "create_audience_lists", "settings") ?? true : true,
            MarkWrittenProfiles = settingsJson is { } s3 && (ReadBool(s3, "mark_written_profiles", "settings") ?? false),
        };

        if (mappingsJson is null)
        {
            return (settings, mappings, null, warnings);
        }

        if (mappingsJson.Value.ValueKind != JsonValueKind.Array)
        {
            Problems.Add(new ConfigurationProblem("mappings", "must be an array"));
            return (settings, mappings, null, warnings);
        }

        int count = mappingsJson.Value.GetArrayLength();
        if (count > DestinationConfiguration.MaxMappings)
        {
            Problems.Add(new ConfigurationProblem("mappings", $"a destination holds at most {DestinationConfiguration.MaxMappings} mappings; got {count}"));
        }

        int index = 0;
        foreach (var item in mappingsJson.Value.EnumerateArray())
        {
            var mapping = ReadMapping(item, $"mappings[{index++}]");
            if (mapping is not null)
            {
                mappings.Add(mapping);
            }
        }

        foreach (var duplicate in mappings.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            warnings.Add($"{duplicate.Count()} mappings are named \"{duplicate.Key}\"; outcomes will not tell them apart");
        }

        return (settings, mappings, null, warnings);
    }

    private MappingDefinition? ReadMapping(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Problems.Add(new ConfigurationProblem(path, "must be an object"));
            return null;
        }

        int before = Problems.Count;
        string? slug = ReadString(item, "action", path) ?? ReadString(item, "actionSlug", path);
        string? name = ReadString(item, "name", path);
        string? trigger = ReadString(item, "trigger", path) ?? ReadString(item, "subscribe", path);
        bool enabled = ReadBool(item, "enabled", path) ?? true;
        bool useDefaults = ReadBool(item, "useDefaults", path) ?? false;
        var mapping = Property(item, "mapping") ?? Property(item, "settings");
        var changeTypes = ReadChangeTypes(item, path);
        bool reverseEtl = ReadBool(item, "reverseEtl", path) ?? changeTypes is not null;
        var hook = ReadHook(item, mapping, path);

        if (slug is null)
        {
            Problems.Add(new ConfigurationProblem(path + ".action", "is required (a Segment action slug such as upsertProfile)"));
        }
        else if (!KlaviyoActionCatalog.TryGet(slug, out _))
        {
            Problems.Add(new ConfigurationProblem(path + ".action", $"unknown action \"{slug}\"; known actions: {string.Join(", ", KlaviyoActionCatalog.All.Select(a => a.Slug))}"));
        }

        if (mapping is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            Problems.Add(new ConfigurationProblem(path + ".mapping", "must be an object of Segment field keys"));
            mapping = null;
        }

        if (trigger is not null && reverseEtl)
        {
            Problems.Add(new ConfigurationProblem(path, "has both a trigger (events) and changeTypes (Reverse ETL); give one"));
        }

        if (trigger is not null && !Trigger.TryParse(trigger, out _, out var syntax))
        {
            Problems.Add(new ConfigurationProblem(path + ".trigger", syntax!.Message));
        }

        if (Problems.Count > before || slug is null)
        {
            return null;
        }

        try
        {
            var definition = !reverseEtl
                ? MappingDefinition.ForEvents(slug, name, trigger, mapping, useDefaults, enabled, hook)
                : MappingDefinition.ForReverseEtl(slug, changeTypes, name, mapping, useDefaults, enabled, hook);
            foreach (var problem in definition.Validate())
            {
                Problems.Add(new ConfigurationProblem(path + ".mapping" + (problem.Path.Length == 0 ? string.Empty : problem.Path), problem.Message));
            }

            return definition;
        }
        catch (ArgumentException e)
        {
            Problems.Add(new ConfigurationProblem(path, e.Message.Split(" (Parameter", 2)[0]));
            return null;
        }
    }

    private List<ReverseEtlChangeType>? ReadChangeTypes(JsonElement item, string path)
    {
        if (Property(item, "changeTypes") is not { } json)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Array)
        {
            Problems.Add(new ConfigurationProblem(path + ".changeTypes", "must be an array of \"added\", \"updated\", \"deleted\""));
            return [];
        }

        var types = new List<ReverseEtlChangeType>();
        foreach (var value in json.EnumerateArray())
        {
            switch (value.ValueKind == JsonValueKind.String ? value.GetString()!.ToLowerInvariant() : null)
            {
                case "added" or "new":
                    types.Add(ReverseEtlChangeType.Added);
                    break;
                case "updated":
                    types.Add(ReverseEtlChangeType.Updated);
                    break;
                case "deleted":
                    types.Add(ReverseEtlChangeType.Deleted);
                    break;
                default:
                    Problems.Add(new ConfigurationProblem(path + ".changeTypes", "each change type must be \"added\", \"updated\" or \"deleted\""));
                    break;
            }
        }

        return types;
    }

    /// <summary>
    /// The "connect to a static list" hook: <c>mapping.retlOnMappingSave</c> first (where Segment's saved mappings
    /// keep it), then <c>hooks.retlOnMappingSave</c>.
    /// </summary>
    private StaticListHook? ReadHook(JsonElement item, JsonElement? mapping, string path)
    {
        string hookPath;
        JsonElement hook;
        if (mapping is { ValueKind: JsonValueKind.Object } saved &&
            Property(saved, "retlOnMappingSave") is { ValueKind: JsonValueKind.Object } inMapping)
        {
            hook = inMapping;
            hookPath = path + ".mapping.retlOnMappingSave";
        }
        else if (Property(item, "hooks") is { ValueKind: JsonValueKind.Object } hooks &&
            Property(hooks, "retlOnMappingSave") is { ValueKind: JsonValueKind.Object } inHooks)
        {
            hook = inHooks;
            hookPath = path + ".hooks.retlOnMappingSave";
        }
        else
        {
            return null;
        }

        if (Property(hook, "outputs") is { ValueKind: JsonValueKind.Object } outputs && ReadString(outputs, "id", hookPath + ".outputs") is { Length: > 0 } savedId)
        {
            return StaticListHook.Existing(savedId);
        }

        if (Property(hook, "inputs") is { ValueKind: JsonValueKind.Object } inputs)
        {
            string? listId = ReadString(inputs, "list_identifier", hookPath + ".inputs");
            string? listName = ReadString(inputs, "list_name", hookPath + ".inputs");
            if (!string.IsNullOrWhiteSpace(listId))
            {
                return StaticListHook.Existing(listId);
            }

            if (!string.IsNullOrWhiteSpace(listName))
            {
                return StaticListHook.Named(listName);
            }
        }

        Problems.Add(new ConfigurationProblem(hookPath, "needs inputs.list_identifier, inputs.list_name or outputs.id"));
        return null;
    }

    private ClassicSettings ReadClassic(JsonElement? settings)
    {
        if (settings is not { } s)
        {
            return new ClassicSettings();
        }

        var defaults = new ClassicSettings();
        return new ClassicSettings
        {
            ApiKey = ReadString(s, "privateKey", "settings") ?? ReadString(s, "api_key", "settings"),
            ListId = ReadString(s, "listId", "settings") is { Length: > 0 } list ? list : null,
            ConfirmOptin = ReadBool(s, "confirmOptin", "settings") ?? defaults.ConfirmOptin,
            EnforceEmail = ReadBool(s, "enforceEmail", "settings") ?? defaults.EnforceEmail,
            SendAnonymous = ReadBool(s, "sendAnonymous", "settings") ?? defaults.SendAnonymous,
            UseSegmentSpec = ReadBool(s, "useSegmentSpec", "settings") ?? defaults.UseSegmentSpec,
        };
    }

    private static JsonElement? Property(JsonElement obj, string name)
    {
        JsonElement? found = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                found = property.Value;
            }
        }

        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }

    private string? ReadString(JsonElement obj, string name, string path)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Problems.Add(new ConfigurationProblem($"{path}.{name}", "must be a string"));
        return null;
    }

    private bool? ReadBool(JsonElement obj, string name, string path)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Problems.Add(new ConfigurationProblem($"{path}.{name}", "must be true or false"));
        return null;
    }
}
