namespace Klaviyo.Actions;

/// <summary>The default <see cref="IKlaviyoClient"/> over Klaviyo's REST API.</summary>
public partial class KlaviyoClient
{
}
