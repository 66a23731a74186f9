namespace Coworker.Studio;

/// <summary>A public type of this assembly for WebApplicationFactory&lt;T&gt; in the tests.</summary>
public sealed class StudioMarker;
