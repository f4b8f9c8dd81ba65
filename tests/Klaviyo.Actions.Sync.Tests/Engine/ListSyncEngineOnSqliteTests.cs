using Klaviyo.Actions.Sync.Tests.Infrastructure;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Engine;

[TestFixture]
public sealed class ListSyncEngineOnSqliteTests : ListSyncEngineContract
{
    protected override IStoreFactory CreateFactory() => new SqliteStoreFactory();
}
