using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Catalyst.Api.OpenApi;

/// <summary>Puts the example of each request and response body's type on the operation.</summary>
sealed class ExamplesTransformer(OpenApiExamples examples) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var bodyType = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type
            ?? description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType;
        if (bodyType is not null && operation.RequestBody?.Content is { } body) Describe(body.Values, bodyType);

        foreach (var response in description.SupportedResponseTypes)
        {
            if (response.Type is null || response.Type == typeof(void)) continue;
            if (operation.Responses?.GetValueOrDefault(response.StatusCode.ToString()) is { Content: { } content })
                Describe(content.Values, response.Type);
        }
        return Task.CompletedTask;
    }

    void Describe(IEnumerable<OpenApiMediaType> mediaTypes, Type type)
    {
        if (examples.For(type) is not { } example) return;
        foreach (var mediaType in mediaTypes) mediaType.Example ??= example.DeepClone();
    }
}
