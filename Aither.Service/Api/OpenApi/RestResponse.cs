namespace Aither.Service.Api.OpenApi;

/// <summary>
/// One successful answer of a REST route: its HTTP status, the schema of <c>data</c> and a real example. An event
/// stream (<see cref="RestOperations.EventStream"/>) sends one such envelope per line.
/// </summary>
internal sealed record RestResponse(int StatusCode, string DataSchemaId, string Description, object ExampleData, string MediaType = RestOperations.Json);
