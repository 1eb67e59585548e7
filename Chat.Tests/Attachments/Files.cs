using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Chat.Domain.Threads.Messaging;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Tests.Attachments;

/// <summary>Files to upload, and the raw HTTP of uploading and fetching them (the bodies are bytes, not JSON).</summary>
public static class Files
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG's signature followed by varied bytes: what is checked is the signature, not the picture.</summary>
    public static byte[] Png(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        PngSignature.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Pdf(string text = "a receipt") => "%PDF-1.4\n"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(text)).ToArray();

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<HttpResponseMessage> UploadAsync(this ChatApp app, string url, byte[] bytes, string contentType, string name,
        string token, bool withLength = true)
    {
        using var client = app.Host.Server.CreateClient();
        HttpContent content = withLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLength(bytes));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}?name={Uri.EscapeDataString(name)}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<AttachedFile> UploadedAsync(this ChatApp app, string url, byte[] bytes, string contentType, string name, string token)
    {
        var response = await app.UploadAsync(url, bytes, contentType, name, token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonSerializer.Deserialize<AttachedFile>(await response.Content.ReadAsStringAsync(), Support.Api.Json)!;
    }

    public static async Task<ProblemDetails> RefusedUploadAsync(this ChatApp app, string url, byte[] bytes, string contentType, string token,
        HttpStatusCode expect, bool withLength = true)
    {
        var response = await app.UploadAsync(url, bytes, contentType, "file", token, withLength);
        response.StatusCode.ShouldBe(expect);
        var problem = JsonSerializer.Deserialize<ProblemDetails>(await response.Content.ReadAsStringAsync(), Support.Api.Json)!;
        problem.Status.ShouldBe((int)expect);
        return problem;
    }

    public static async Task<HttpResponseMessage> FetchAsync(this ChatApp app, string url, string token)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>A body whose length is not known beforehand (sent chunked), so only counting can find it too large.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
