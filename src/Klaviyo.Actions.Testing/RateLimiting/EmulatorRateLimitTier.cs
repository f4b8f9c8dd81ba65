namespace Klaviyo.Actions.Testing;

/// <summary>Klaviyo's rate-limit tiers; each endpoint belongs to one (Klaviyo's "Rate limits" table).</summary>
public enum EmulatorRateLimitTier
{
    /// <summary>XS: 1 per second, 15 per minute (<c>GET /api/accounts</c>).</summary>
    ExtraSmall,

    /// <summary>S: 3 per second, 60 per minute (data-privacy deletion).</summary>
    Small,

    /// <summary>M: 10 per second, 150 per minute (bulk jobs, list creation and membership).</summary>
    Medium,

    /// <summary>L: 75 per second, 750 per minute (profiles, subscriptions, list reads).</summary>
    Large,

    /// <summary>XL: 350 per second, 3,500 per minute (<c>POST /api/events</c>).</summary>
    ExtraLarge,
}
