using PuppeteerSharp;

namespace FleetOps.Testing.Web;

/// <summary>
/// One browser tab on a hub's web view, with the few things its tests do: log in, go to a page, read text, and wait
/// (by polling in the page, with a deadline) for text to appear. Disposing closes its browser context.
/// </summary>
public sealed class HubTab(IBrowserContext context, IPage page, Uri hub) : IAsyncDisposable
{
    /// <summary>Generous: the machine is shared and loaded; a wait that succeeds returns as soon as it can.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    public IPage Page => page;

    public Uri Hub => hub;

    /// <summary>Goes to <paramref name="path"/> on the hub and returns the answer to the navigation (after any redirect).</summary>
    public Task<IResponse> GoToAsync(string path) => page.GoToAsync(new Uri(hub, path).ToString(), WaitUntilNavigation.Load);

    /// <summary>Logs in through the login page with <paramref name="token"/> and returns the page it lands on.</summary>
    public async Task<IResponse> LogInAsync(string token, string path = "/login")
    {
        await GoToAsync(path);
        await page.TypeAsync("#token", token);
        var landed = page.WaitForNavigationAsync();
        await page.ClickAsync("form button[type=submit]");
        return await landed;
    }

    public Task<string?> TextAsync(string selector) =>
        page.EvaluateFunctionAsync<string?>("s => document.querySelector(s)?.textContent ?? null", selector);

    public Task<string[]> TextsAsync(string selector) =>
        page.EvaluateFunctionAsync<string[]>("s => [...document.querySelectorAll(s)].map(e => e.textContent)", selector);

    /// <summary>Waits until an element matching <paramref name="selector"/> contains <paramref name="text"/>, polling in the page.</summary>
    public async Task WaitForTextAsync(string selector, string text, string what)
    {
        try
        {
            await page.WaitForFunctionAsync("(s, t) => [...document.querySelectorAll(s)].some(e => e.textContent.includes(t))",
                new WaitForFunctionOptions { Timeout = (int)Timeout.TotalMilliseconds, PollingInterval = 100 }, selector, text);
        }
        catch (WaitTaskTimeoutException e)
        {
            throw new TimeoutException($"{what}: no '{selector}' held '{text}' within {Timeout.TotalSeconds:0}s; the page showed:\n{await page.EvaluateExpressionAsync<string>("document.body.innerText")}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await page.CloseAsync();
        await context.CloseAsync();
    }
}
