using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Tests.Support;

namespace Chat.Tests.Robustness;

/// <summary>
/// Hostile input for every operation of the service's own OpenAPI document: for every string field of
/// every body, path and query a NUL, an unpaired surrogate (bodies) and a 1 MB string; for every enum an undefined
/// value; for every field a wrong JSON type; for every body a deeply nested document. Each must be a 4xx
/// problem and change nothing in the workspace. A new endpoint or field is swept without touching this test.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class ApiSweepTests(ChatApp app)
{
    private static readonly int[] Refusals = [400, 401, 403, 404, 409, 413];
    private static readonly string Huge = new('x', 1024 * 1024);

    private sealed record Probe(string Method, string Path, string Url, string? Body, string? Token, string What);

    [Fact]
    public async Task Every_operation_refuses_hostile_input_with_a_problem_and_changes_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var sent = await visitor.SendAsync("Hello");
        var document = JsonNode.Parse(await app.Api().SendAsync(HttpMethod.Get, "/openapi/v1.json", null, null, 200))!;
        var context = new SweepContext(document, workspace, visitor, sent.ThreadId, sent.MessageId);

        var probes = context.Probes().ToList();
        probes.Count.ShouldBeGreaterThan(200, "the sweep must reach every operation and field of the document");
        var before = await EventStoreFingerprint.SettledAsync(TestDatabase.ConnectionString, workspace.Id);

        var failures = new ConcurrentBag<string>();
        using var http = app.Host.Server.CreateClient();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(probes.Select(async probe =>
        {
            await gate.WaitAsync();
            try
            {
                if (await CheckAsync(http, probe) is { } failure) failures.Add(failure);
            }
            finally
            {
                gate.Release();
            }
        }));

        failures.ShouldBeEmpty();
        (await EventStoreFingerprint.OfAsync(TestDatabase.ConnectionString, workspace.Id)).ShouldBe(before, ignoreOrder: true);
    }

    [Fact]
    public async Task The_document_gives_every_field_and_parameter_a_type()
    {
        var document = JsonNode.Parse(await app.Api().SendAsync(HttpMethod.Get, "/openapi/v1.json", null, null, 200))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var fields = schemas.SelectMany(s => s.Value!["properties"]?.AsObject().Select(p => ($"{s.Key}.{p.Key}", p.Value!)) ?? [])
            .Concat(document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().SelectMany(operation =>
                operation.Value!["parameters"]?.AsArray().Select(p => ($"{operation.Key} {path.Key} {p!["name"]}", p["schema"]!)) ?? [])));

        JsonNode Resolve(JsonNode schema) =>
            schema["$ref"] is { } reference ? Resolve(schemas[((string)reference!).Split('/')[^1]]!)
            : schema["oneOf"] is JsonArray alternatives ? Resolve(alternatives.First(a => (string?)a!["type"] != "null")!)
            : schema;

        fields.Where(f => Resolve(f.Item2) is var schema && schema["type"] is null && schema["enum"] is null)
            .Select(f => f.Item1).ShouldBeEmpty();
        ((JsonArray)schemas["ThreadStatus"]!["enum"]!).Select(v => (string)v!).ShouldBe(Enum.GetNames<Chat.Domain.Threads.ThreadStatus>());
    }

    private static async Task<string?> CheckAsync(HttpClient http, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
        if (probe.Body is not null) request.Content = new StringContent(probe.Body, new UTF8Encoding(false), "application/json");
        if (probe.Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", probe.Token);
        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType;
        var body = await response.Content.ReadAsStringAsync();
        return Refusals.Contains(status) && type == "application/problem+json" && JsonNode.Parse(body)?["status"]?.GetValue<int>() == status
            ? null
            : $"{probe.Method} {probe.Path} with {probe.What}: {status} {type} {body[..Math.Min(body.Length, 300)]}";
    }

    /// <summary>The document read as probes, with real ids of one workspace for the path parameters that are not under test.</summary>
    private sealed class SweepContext(JsonNode document, TestWorkspace workspace, TestVisitor visitor, Guid threadId, Guid messageId)
    {
        private JsonObject Schemas => document["components"]!["schemas"]!.AsObject();

        public IEnumerable<Probe> Probes()
        {
            foreach (var (path, operations) in document["paths"]!.AsObject())
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
                var token = TokenFor(path);
                var parameters = operation!["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
                var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } s ? Resolve(s) : null;
                var baseline = bodySchema is null ? null : Baseline(bodySchema);

                string Url(string? name, string? raw)
                {
                    var url = parameters.Where(p => (string)p["in"]! == "path").Aggregate(path, (u, p) =>
                        u.Replace($"{{{p["name"]}}}", (string)p["name"]! == name ? raw : ValidPathValue((string)p["name"]!)));
                    return name is not null && parameters.Any(p => (string)p["name"]! == name && (string)p["in"]! == "query")
                        ? $"{url}?{name}={raw}"
                        : url;
                }

                Probe Make(string url, string? body, string what) => new(method.ToUpperInvariant(), path, url, body, token, what);

                foreach (var parameter in parameters)
                {
                    var name = (string)parameter["name"]!;
                    var schema = Resolve(parameter["schema"]!);
                    if (IsString(schema))
                    {
                        // A URL cannot carry an unpaired surrogate: percent-decoding turns bytes that are not UTF-8 into U+FFFD.
                        // The server refuses a NUL in a path itself (Kestrel answers 400) before any endpoint sees it.
                        if ((string)parameter["in"]! == "query") yield return Make(Url(name, "a%00b"), baseline?.ToJsonString(), $"NUL in {name}");
                        yield return Make(Url(name, Huge), baseline?.ToJsonString(), $"1 MB in {name}");
                    }
                    if (IsEnum(schema))
                        foreach (var undefined in new[] { "99", "-1", "NoSuchValue" })
                            yield return Make(Url(name, undefined), baseline?.ToJsonString(), $"{name}={undefined}");
                }

                if (bodySchema is null) continue;
                var url = Url(null, null);
                foreach (var (property, propertySchema) in bodySchema["properties"]?.AsObject() ?? [])
                {
                    var schema = Resolve(propertySchema!);
                    string With(string rawValue)
                    {
                        var json = baseline!.ToJsonString();
                        var body = JsonNode.Parse(json)!.AsObject();
                        body[property] = "__sweep__";
                        return body.ToJsonString().Replace("\"__sweep__\"", rawValue);
                    }
                    if (IsString(schema))
                    {
                        yield return Make(url, With("\"a\\u0000b\""), $"NUL in {property}");
                        yield return Make(url, With("\"a\\ud800b\""), $"an unpaired surrogate in {property}");
                        yield return Make(url, With(JsonSerializer.Serialize(Huge)), $"1 MB in {property}");
                    }
                    if (IsStringArray(schema))
                        yield return Make(url, With("[\"a\\u0000b\"]"), $"NUL in an item of {property}");
                    if (IsEnum(schema))
                        foreach (var undefined in new[] { "99", "-1", "\"99\"", "\"NoSuchValue\"", "\"Online, Away\"" })
                            yield return Make(url, With(undefined), $"{property}: {undefined}");
                    yield return Make(url, With("{\"wrong\":[1]}"), $"an object for {property}");
                }
                yield return Make(url, new string('[', 5000) + new string(']', 5000), "a deeply nested document");
                yield return Make(url, string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000), "deeply nested objects");
                yield return Make(url, "\"not an object\"", "a string for the body");
            }
        }

        private string? TokenFor(string path) =>
            path.StartsWith("/api/visitor/", StringComparison.Ordinal) ? visitor.Token
            : path.StartsWith("/api/auth/", StringComparison.Ordinal) || path.StartsWith("/api/widget/", StringComparison.Ordinal) ? null
            : workspace.Admin.Token;

        private string ValidPathValue(string name) => name switch
        {
            "conversationId" => visitor.ConversationId.ToString(),
            "threadId" => threadId.ToString(),
            "messageId" => messageId.ToString(),
            "agentId" => workspace.Agent.Id.ToString(),
            "groupId" => "default",
            "tag" => "billing",
            _ => Guid.NewGuid().ToString(),
        };

        /// <summary>A body in which every field has a plausible value, so the field under test is what gets refused.</summary>
        private JsonObject Baseline(JsonNode schema)
        {
            var body = new JsonObject();
            foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? [])
                body[property] = Plausible(Resolve(propertySchema!));
            return body;
        }

        private JsonNode? Plausible(JsonNode schema) =>
            IsEnum(schema) ? JsonValue.Create((string)schema["enum"]![0]!)
            : (string?)schema["format"] == "uuid" ? JsonValue.Create(Guid.NewGuid())
            : (string?)schema["format"] == "date-time" ? JsonValue.Create(DateTimeOffset.UtcNow.AddHours(1))
            : IsStringArray(schema) ? new JsonArray("default")
            : Types(schema).Contains("integer") ? JsonValue.Create(1)
            : Types(schema).Contains("boolean") ? JsonValue.Create(false)
            : IsString(schema) ? JsonValue.Create("plausible")
            : null;

        /// <summary>A schema with its reference, or its one non-null alternative, followed.</summary>
        private JsonNode Resolve(JsonNode schema)
        {
            if (schema["$ref"] is { } reference) return Resolve(Schemas[((string)reference!).Split('/')[^1]]!);
            if (schema["oneOf"] is JsonArray alternatives && alternatives.FirstOrDefault(a => (string?)a!["type"] != "null") is { } real)
                return Resolve(real);
            return schema;
        }

        private static IReadOnlyList<string> Types(JsonNode schema) => schema["type"] switch
        {
            JsonArray many => many.Select(t => (string)t!).ToList(),
            JsonValue one => [(string)one!],
            _ => [],
        };

        private static bool IsEnum(JsonNode schema) => schema["enum"] is JsonArray;
        private static bool IsString(JsonNode schema) => !IsEnum(schema) && schema["format"] is null && Types(schema) is ["string"] or ["null", "string"] or ["string", "null"];
        private bool IsStringArray(JsonNode schema) => Types(schema).Contains("array") && schema["items"] is { } items && IsString(Resolve(items));
    }
}
