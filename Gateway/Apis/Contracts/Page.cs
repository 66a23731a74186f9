namespace Coworker.Gateway.Apis.Contracts;

/// <summary>A page of a listing; pass <see cref="Next"/> as ?after= to get the following page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
