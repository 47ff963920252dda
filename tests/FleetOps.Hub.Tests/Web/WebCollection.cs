namespace FleetOps.Hub.Tests.Web;

/// <summary>
/// The web view's browser tests: one chromium and one demo fleet for all of them (each test opens its own browser
/// context, so cookies are never shared). Tests that change the fleet start a hub of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<DemoFleet>
{
    public const string Name = "web view";
}
