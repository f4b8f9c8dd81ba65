namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A list's attributes without its members, for API responses.</summary>
internal sealed record ListView(string Id, string Name, string OptInProcess, DateTimeOffset Created, DateTimeOffset Updated);
