using System.Net;
using System.Text.RegularExpressions;
using Coworker.Studio.Authentication;
using Coworker.Tests.Gateway;
using Coworker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Coworker.Tests.Studio;

/// <summary>
/// Wrong admin keys are throttled per address: the sign-in form (posted over HTTP, as a browser posts it) stops
/// checking keys from an address that guessed too often and says when to try again, while an operator at another
/// address signs in as usual. The guessing address is a loopback alias (<see cref="LoopbackSource"/>).
/// </summary>
[Collection(StudioCollection.Name)]
public sealed partial class StudioSignInThrottleTests(StudioFixture studio)
{
    [Fact]
    public async Task AnAddressThatGuessesTooOftenIsToldWhenToTryAgainAndOthersCanStillSignIn()
    {
        var cookies = new CookieContainer();
        using var guesser = LoopbackSource.Client(studio.BaseAddress, "127.0.0.5", cookies: cookies);

        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            var (status, page) = await PostSignInAsync(guesser, $"cwa_admin_guess-{i}-{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("That is not the platform admin key.", page, StringComparison.Ordinal);
        }

        // Over the limit even the right key is not checked: the form says how long to wait, and no session starts.
        var (throttled, throttledPage) = await PostSignInAsync(guesser, StudioFixture.AdminKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled);
        Assert.Matches(new Regex(@"Too many wrong keys from your address\. Try again in 10 minutes \(after \d\d:\d\d:\d\d UTC\)\."), throttledPage);
        Assert.DoesNotContain(cookies.GetAllCookies(), cookie => cookie.Name == "coworker-studio");
        Assert.Equal(HttpStatusCode.Redirect, (await guesser.GetAsync("/")).StatusCode);

        // The operator's browser, at 127.0.0.1, is not held back.
        var operatorPage = await studio.SignedInPageAsync();
        await Expect(operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
    }

    /// <summary>Loads the login form (for its antiforgery token) and posts it with <paramref name="key"/>.</summary>
    private static async Task<(HttpStatusCode Status, string Page)> PostSignInAsync(HttpClient client, string key)
    {
        var form = await client.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "the login page has no antiforgery token");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Key"] = key,
        });
        using var response = await client.PostAsync("/login", body);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
