using System.Reflection;
using System.Text.Json;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Core.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Reads a Wolverine HTTP endpoint's <c>[FromBody]</c> parameter as minimal APIs read every other body of the API:
/// with <see cref="InputJson"/>'s rules, and refusing what cannot be read with the exception that
/// <see cref="ExceptionProblems"/> answers (400, 413, 415 problem details, logged once by <see cref="RefusalLog"/>).
/// Wolverine's own reader answers with its own problem titles, takes a body without a content type as JSON, answers
/// 406 to an Accept header without JSON, logs each refused body at Error with a stack trace, and passes a JSON
/// <c>null</c> body to the endpoint as null.
/// </summary>
public static class JsonBody
{
    public static async Task<T?> ReadAsync<T>(HttpContext context, bool optional, string parameterName) where T : class
    {
        T? body = null;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            if (!context.Request.HasJsonContentType())
                throw new BadHttpRequestException($"Expected a supported JSON media type but got \"{context.Request.ContentType}\".",
                    StatusCodes.Status415UnsupportedMediaType);
            var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            try
            {
                body = await context.Request.ReadFromJsonAsync<T>(json, context.RequestAborted);
            }
            catch (JsonException e)
            {
                throw new BadHttpRequestException(
                    $"Failed to read parameter \"{typeof(T).Name} {parameterName}\" from the request body as JSON.", e);
            }
        }
        if (body is null && !optional)
            throw new BadHttpRequestException(
                $"Implicit body inferred for parameter \"{parameterName}\" but no body was provided. Did you mean to use a Service instead?");
        return body;
    }
}

/// <summary>Binds <c>[FromBody]</c> parameters of Wolverine HTTP endpoints through <see cref="JsonBody"/>, and says so in the endpoint's metadata.</summary>
public sealed class JsonBodyStrategy : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        if (parameter.GetCustomAttribute<FromBodyAttribute>() is null) return false;
        // A context caches without locks, so each call has its own: hosts built side by side (tests) would corrupt a shared one.
        var optional = new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
        variable = new ReadBodyFrame(parameter, optional).Body;
        chain.Metadata.Accepts(parameter.ParameterType, optional, "application/json");
        chain.Metadata.WithMetadata(new JsonBodyMetadata(parameter.ParameterType, optional));
        return true;
    }

    private sealed class ReadBodyFrame : AsyncFrame
    {
        private readonly bool optional;
        private Variable? httpContext;

        public ReadBodyFrame(ParameterInfo parameter, bool optional)
        {
            this.optional = optional;
            Body = new Variable(parameter.ParameterType, parameter.Name!, this);
        }

        public Variable Body { get; }

        public override IEnumerable<Variable> FindVariables(IMethodVariables chain)
        {
            httpContext = chain.FindVariable(typeof(HttpContext));
            yield return httpContext;
        }

        public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
        {
            writer.Write($"var {Body.Usage} = await {typeof(JsonBody).FullNameInCode()}.{nameof(JsonBody.ReadAsync)}" +
                         $"<{Body.VariableType.FullNameInCode()}>({httpContext!.Usage}, {(optional ? "true" : "false")}, \"{Body.Usage}\");");
            Next?.GenerateCode(method, writer);
        }
    }
}

/// <summary>The JSON body an endpoint reads through <see cref="JsonBody"/>, for its API description.</summary>
public sealed record JsonBodyMetadata(Type Type, bool Optional);

/// <summary>
/// Describes a body read through <see cref="JsonBody"/> to the OpenAPI document, as Wolverine describes the bodies it reads
/// itself (it sees only the request type it bound, and that setter is internal to Wolverine).
/// </summary>
public sealed class JsonBodyDescriptions : Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionProvider
{
    /// <summary>After Wolverine's own provider (-2000), which creates the descriptions of its endpoints.</summary>
    public int Order => 0;

    public void OnProvidersExecuting(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().FirstOrDefault() is not { } body) continue;
            if (description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)) continue;
            description.ParameterDescriptions.Add(new Microsoft.AspNetCore.Mvc.ApiExplorer.ApiParameterDescription
            {
                Name = body.Type.Name,
                Source = Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body,
                Type = body.Type,
                IsRequired = !body.Optional,
            });
            description.SupportedRequestFormats.Add(new Microsoft.AspNetCore.Mvc.ApiExplorer.ApiRequestFormat { MediaType = "application/json" });
        }
    }

    public void OnProvidersExecuted(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescriptionProviderContext context)
    {
    }
}
