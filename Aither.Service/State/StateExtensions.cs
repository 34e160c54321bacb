using Aither.Service.Output;
using Aither.Service.State.Postgres;
using Aither.Service.State.Sqlite;
using Microsoft.Extensions.Options;

namespace Aither.Service.State;

public static class StateExtensions
{
    /// <summary>
    /// The sync job store chosen by SYNC_STATE_PROVIDER. The SQLite file defaults to beside the output directory,
    /// so it reads <see cref="OutputOptions"/> when it is first resolved.
    /// </summary>
    public static IHostApplicationBuilder AddAitherState(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<StateOptions, StateOptionsValidator>().Bind(builder.Configuration);
        services.AddSingleton<ISyncJobStore>(sp =>
        {
            var state = sp.GetRequiredService<IOptions<StateOptions>>().Value;
            return state.Provider switch
            {
                StateOptions.Sqlite => new SqliteSyncJobStore(
                    SqliteSyncJobStore.ResolvePath(state.Connection, sp.GetRequiredService<IOptions<OutputOptions>>().Value.Directory)),
                StateOptions.Postgres => new PostgresSyncJobStore(state.Connection!),
                _ => throw new StateStoreException($"SYNC_STATE_PROVIDER '{state.Provider}' is not supported."),
            };
        });
        return builder;
    }
}
