using Aegis.Datasets;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Storage;
using Aegis.Domain.Replay;
using Aegis.Grains.Interfaces.Research;
using Npgsql;

namespace Aegis.Grains.Research.Datasets;

/// <summary>Imports into the dataset named by its key (see <see cref="IDatasetImportGrain"/>); keeps nothing between calls.</summary>
public sealed class DatasetImportGrain(LiveDayExport export) : Grain, IDatasetImportGrain
{
    // Exceptions cross to the caller without their inner exception: the caller cannot decode this lane's exception types.
    public async Task<DatasetImportSummary> ImportLive(LiveDayImport request)
    {
        ArgumentNullException.ThrowIfNull(request);
        DeactivateOnIdle();
        DatasetManifest manifest;
        try
        {
            manifest = await export.ExportAsync(this.GetPrimaryKeyString(), request.ScenarioIds ?? []);
        }
        catch (DatasetExistsException ex)
        {
            throw new ArgumentException(ex.Message);
        }
        catch (InputLogException ex)
        {
            throw new InvalidOperationException($"the live lane's tape does not hold every quote its input logs name: {ex.Message}");
        }
        catch (Exception ex) when (ex is ObjectStoreUnavailableException or NpgsqlException)
        {
            // An outage: the caller may try again. Exceptions the caller's side cannot decode arrive as codec errors, so say it plainly.
            throw new TimeoutException($"dataset '{this.GetPrimaryKeyString()}' was not imported: {ex.Message}");
        }

        return new DatasetImportSummary(manifest.Name, manifest.Partitions.Count,
            manifest.Partitions.Where(p => p.Kind == DatasetManifest.QuotesKind).Sum(p => p.Rows),
            manifest.Partitions.Select(p => DatasetKeys.Day(p.Date)).Distinct().Order(StringComparer.Ordinal).ToList(),
            (manifest.Scenarios ?? []).ToDictionary(s => s.ScenarioId, s => s.LastInput, StringComparer.Ordinal));
    }
}
