using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>
/// Screenshots of what a test's browser shows: always into TestResults/screenshots, and also into the folder named by
/// CHAT_SCREENSHOTS when it is set (relative to the repository root, e.g. docs/screenshots).
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "CHAT_SCREENSHOTS";

    /// <summary>Saves the page as <c>{name}.png</c> in every screenshot folder and returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        var image = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = fullPage, Type = ScreenshotType.Png });
        var written = new List<string>();
        foreach (var folder in Folders())
        {
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{name}.png");
            await File.WriteAllBytesAsync(file, image);
            written.Add(file);
        }
        return written;
    }

    private static IEnumerable<string> Folders()
    {
        yield return Path.Combine(Repository.TestResults, "screenshots");
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } extra)
            yield return Path.GetFullPath(extra, Repository.Root);
    }
}
