"""ml.eventsim.simulate / mm_rows / default_counts: contract, determinism and physical sanity."""
from __future__ import annotations

from pathlib import Path

import astropy.units as u
import numpy as np
import pytest
import yaml
from astropy.coordinates import AltAz, SkyCoord, get_body
from astropy.time import Time

import ml.eventsim as eventsim
from celestial.sites import Site
from ml.eventsim.sky import CRAB_DEC_DEG, CRAB_RA_DEG, separation

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SAMPLE_SIZES = {"kascade_grande": 40_000, "tunka133": 30_000, "taiga_hiscore": 80_000,
                "taiga_iact": 60_000, "baikal_gvd": 20_000}
DTYPE_KINDS = {"boolean": "b", "short": "i2", "int": "i4", "long": "i8", "float": "f4", "double": "f8", "char": "U"}
CHERENKOV = ("tunka133", "taiga_hiscore", "taiga_iact")


def descriptor(collection_id: str) -> dict:
    return yaml.safe_load((RESOURCES / f"{collection_id}.yaml").read_text(encoding="utf-8"))


def concatenated(batches) -> dict[str, np.ndarray]:
    batches = list(batches)
    return {name: np.concatenate([b[name] for b in batches]) for name in batches[0]}


@pytest.fixture(scope="module")
def samples() -> dict[str, dict[str, np.ndarray]]:
    return {cid: concatenated(eventsim.simulate(cid, n, seed=11)) for cid, n in SAMPLE_SIZES.items()}


def li_ma(on: float, off: float, alpha: float) -> float:
    """Li & Ma (1983) eq. 17 significance."""
    return float(np.sqrt(2.0 * (on * np.log((1 + alpha) / alpha * on / (on + off))
                                + off * np.log((1 + alpha) * off / (on + off)))))


def test_registry_covers_every_collection_descriptor() -> None:
    """Every event collection at a site is simulated; raw collections are filled by ingest instead."""
    event_collections = {p.stem for p in RESOURCES.glob("*.yaml")
                         if descriptor(p.stem).get("site") and not descriptor(p.stem).get("raw_format")}
    assert set(eventsim.COLLECTIONS) == event_collections


@pytest.mark.parametrize("collection_id", sorted(SAMPLE_SIZES))
def test_columns_and_dtypes_match_the_descriptor(collection_id: str, samples) -> None:
    declared = descriptor(collection_id)["tables"][0]["columns"]
    batch = samples[collection_id]
    assert list(batch) == [c["name"] for c in declared]
    for column in declared:
        kind = DTYPE_KINDS[column["datatype"]]
        dtype = batch[column["name"]].dtype
        assert (dtype.kind == kind) if kind in "bU" else (dtype == np.dtype(kind)), (column["name"], dtype)
    assert all(len(v) == SAMPLE_SIZES[collection_id] for v in batch.values())
    assert all(np.all(np.isfinite(v)) for v in batch.values() if v.dtype.kind == "f")


def test_same_seed_gives_identical_arrays_and_another_seed_does_not() -> None:
    first = concatenated(eventsim.simulate("taiga_iact", 4000, seed=5))
    again = concatenated(eventsim.simulate("taiga_iact", 4000, seed=5))
    other = concatenated(eventsim.simulate("taiga_iact", 4000, seed=6))
    for name in first:
        assert np.array_equal(first[name], again[name]), name
    assert not np.array_equal(first["obs_mjd"], other["obs_mjd"])
    assert not np.array_equal(first["ra"], other["ra"])


def test_chunks_are_bounded_ids_unique_and_times_sorted() -> None:
    batches = list(eventsim.simulate("kascade_grande", 25_000, seed=2, max_chunk=7_000))
    assert len(batches) >= 4 and max(len(b["event_id"]) for b in batches) <= 7_000
    ids = np.concatenate([b["event_id"] for b in batches])
    mjd = np.concatenate([b["obs_mjd"] for b in batches])
    assert np.array_equal(ids, np.arange(1, 25_001))
    assert np.all(np.diff(mjd) >= 0.0)


def test_default_chunks_stay_within_200k_rows() -> None:
    sizes = [len(b["event_id"]) for b in eventsim.simulate("baikal_gvd", 450_000, seed=1)]
    assert sum(sizes) == 450_000 and max(sizes) <= 200_000


@pytest.mark.parametrize("collection_id", sorted(SAMPLE_SIZES))
def test_times_inside_coverage_and_directions_valid(collection_id: str, samples) -> None:
    raw, batch = descriptor(collection_id), samples[collection_id]
    assert raw["coverage"]["mjd_start"] <= batch["obs_mjd"].min()
    assert batch["obs_mjd"].max() <= raw["coverage"]["mjd_end"]
    assert np.all((batch["ra"] >= 0.0) & (batch["ra"] < 360.0))
    assert np.all((batch["azimuth"] >= 0.0) & (batch["azimuth"] < 360.0))
    assert np.all(np.abs(batch["dec"]) <= 90.0)
    assert np.all(batch["energy"] > 0.0)


@pytest.mark.parametrize(("collection_id", "max_zenith"),
                         [("kascade_grande", 40.0), ("tunka133", 45.0), ("taiga_hiscore", 45.0)])
def test_air_shower_arrays_zenith_cut_and_declination_band(collection_id: str, max_zenith: float, samples) -> None:
    batch, latitude = samples[collection_id], descriptor(collection_id)["site"]["latitude"]
    tolerance = 1.5 if collection_id == "taiga_hiscore" else 0.0  # Crab gamma rays scattered by the PSF
    assert batch["zenith"].min() >= 0.0 and batch["zenith"].max() <= max_zenith + tolerance
    assert batch["dec"].min() >= latitude - max_zenith - tolerance - 0.01
    cos_z = np.cos(np.radians(batch["zenith"]))
    c_min = np.cos(np.radians(max_zenith))
    assert cos_z.mean() == pytest.approx((2 / 3) * (1 - c_min**3) / (1 - c_min**2), abs=0.01)


def test_neutrino_tracks_are_up_going(samples) -> None:
    batch, latitude = samples["baikal_gvd"], descriptor("baikal_gvd")["site"]["latitude"]
    assert batch["zenith"].min() > 90.0
    highest_dec = 90.0 - latitude - (batch["zenith"].min() - 90.0)
    assert batch["dec"].max() <= highest_dec + 0.01
    assert 0.25 <= batch["pos_err"].min() and batch["pos_err"].max() <= 6.0
    assert np.median(batch["energy"]) < 1.0e4 < batch["energy"].max()


def test_kascade_grande_spectrum_and_shower_sizes(samples) -> None:
    batch = samples["kascade_grande"]
    edges = np.logspace(7.3, 8.3, 6)
    counts, _ = np.histogram(batch["energy"], edges)
    centres = np.sqrt(edges[:-1] * edges[1:])
    slope = np.polyfit(np.log10(centres), np.log10(counts / np.diff(edges)), 1)[0]
    assert slope == pytest.approx(-3.1, abs=0.15)
    assert 5.0 < np.median(batch["lg_ne"]) < 6.5 and 4.0 < np.median(batch["lg_nmu"]) < 5.5
    assert np.corrcoef(batch["lg_energy"], batch["lg_nmu"])[0, 1] > 0.8
    assert np.all((batch["age"] > 0.2) & (batch["age"] < 1.8))


def test_tunka_xmax_and_q200(samples) -> None:
    batch = samples["tunka133"]
    assert 450.0 < np.median(batch["xmax"]) < 700.0
    assert np.allclose(batch["lg_energy"], np.log10(4.0e5) + 0.94 * batch["lg_q200"], atol=1e-4)


@pytest.mark.parametrize("collection_id", CHERENKOV)
def test_cherenkov_events_only_in_dark_moonless_season(collection_id: str, samples) -> None:
    batch, site = samples[collection_id], descriptor(collection_id)["site"]
    picked = np.random.default_rng(0).choice(len(batch["obs_mjd"]), 150, replace=False)
    times = Time(batch["obs_mjd"][picked], format="mjd", scale="utc")
    frame = AltAz(obstime=times, location=Site(site["latitude"], site["longitude"], site["altitude"]).location)
    assert get_body("sun", times).transform_to(frame).alt.deg.max() < -17.9
    assert get_body("moon", times).transform_to(frame).alt.deg.max() < -0.4
    assert set(np.unique(times.datetime64.astype("datetime64[M]").astype(int) % 12 + 1)) <= {9, 10, 11, 12, 1, 2, 3, 4}


def test_iact_tracks_the_crab_in_wobble_above_40_degrees(samples) -> None:
    batch, site = samples["taiga_iact"], descriptor("taiga_iact")["site"]
    offsets = separation(batch["pointing_ra"], batch["pointing_dec"], CRAB_RA_DEG, CRAB_DEC_DEG)
    assert np.allclose(offsets, 1.2, atol=1e-3)
    assert set(np.unique(np.sign(batch["pointing_ra"] - CRAB_RA_DEG))) == {-1.0, 1.0}
    picked = np.random.default_rng(1).choice(len(batch["obs_mjd"]), 150, replace=False)
    frame = AltAz(obstime=Time(batch["obs_mjd"][picked], format="mjd"),
                  location=Site(site["latitude"], site["longitude"], site["altitude"]).location)
    crab = SkyCoord(CRAB_RA_DEG * u.deg, CRAB_DEC_DEG * u.deg).transform_to(frame)
    assert crab.alt.deg.min() > 39.9
    assert np.all(separation(batch["ra"], batch["dec"], batch["pointing_ra"], batch["pointing_dec"]) < 3.6)
    assert np.all(batch["pointing_zenith"] < 51.3)


def test_iact_hillas_parameters_in_toy_model_ranges(samples) -> None:
    batch = samples["taiga_iact"]
    assert batch["hillas_size"].min() >= 60.0
    assert np.all(batch["hillas_length"] >= batch["hillas_width"])
    assert 0.10 < np.median(batch["hillas_width"]) < 0.20 and 0.15 < np.median(batch["hillas_length"]) < 0.35
    assert np.all((batch["hillas_alpha"] >= 0.0) & (batch["hillas_alpha"] <= 90.0))
    assert np.all(batch["hillas_miss"] <= batch["hillas_distance"] + 1e-5)
    assert np.all((batch["hillas_conc"] > 0.0) & (batch["hillas_conc"] < 1.0))
    assert np.all((batch["hillas_psi"] > -90.0) & (batch["hillas_psi"] <= 90.0))
    assert set(np.unique(batch["telescope_id"])) == {1, 2, 3}
    near = separation(batch["ra"], batch["dec"], CRAB_RA_DEG, CRAB_DEC_DEG) < 0.3
    assert np.mean(batch["hillas_alpha"][near] < 12.0) > 2.0 * np.mean(batch["hillas_alpha"][~near] < 12.0)


def test_crab_is_a_clear_excess_in_iact_data(samples) -> None:
    batch = samples["taiga_iact"]
    on = np.sum(separation(batch["ra"], batch["dec"], CRAB_RA_DEG, CRAB_DEC_DEG) < 0.3)
    mirrored_ra = 2.0 * batch["pointing_ra"] - CRAB_RA_DEG  # reflected region: same offset from the pointing
    off = np.sum(separation(batch["ra"], batch["dec"], mirrored_ra, CRAB_DEC_DEG) < 0.3)
    assert on > 1.5 * off
    assert li_ma(on, off, 1.0) > 8.0


def test_crab_is_a_clear_excess_in_hiscore_data(samples) -> None:
    batch = samples["taiga_hiscore"]
    on = np.sum(separation(batch["ra"], batch["dec"], CRAB_RA_DEG, CRAB_DEC_DEG) < 0.3)
    shifts = [k * 5.0 / np.cos(np.radians(CRAB_DEC_DEG)) for k in (-3, -2, -1, 1, 2, 3)]
    off = sum(np.sum(separation(batch["ra"], batch["dec"], CRAB_RA_DEG + s, CRAB_DEC_DEG) < 0.3) for s in shifts)
    assert on > 5.0 * max(off / 6.0, 1.0)
    assert li_ma(on, max(off, 1), 1.0 / 6.0) > 5.0


@pytest.mark.parametrize("collection_id", sorted(SAMPLE_SIZES))
def test_mm_rows_give_the_mm_events_columns(collection_id: str, samples) -> None:
    batch = samples[collection_id]
    rows = eventsim.mm_rows(collection_id, batch)
    assert list(rows) == [c["name"] for c in descriptor("mm")["tables"][0]["columns"]]
    assert set(rows["messenger"]) == {descriptor(collection_id)["messenger"]}
    assert set(rows["collection"]) == {collection_id}
    assert np.array_equal(rows["event_id"], batch["event_id"]) and np.array_equal(rows["ra"], batch["ra"])
    assert rows["pos_err"].dtype == np.float32 and np.all((rows["pos_err"] > 0.05) & (rows["pos_err"] < 10.0))


def test_default_counts_scale() -> None:
    one, ten = eventsim.default_counts(1), eventsim.default_counts(10)
    assert set(one) == set(eventsim.COLLECTIONS)
    assert sum(one.values()) == pytest.approx(1_000_000, rel=0.02)
    assert sum(ten.values()) == pytest.approx(10_000_000, rel=0.02)
    assert one["kascade_grande"] > one["taiga_iact"] > one["baikal_gvd"]


def test_bad_input_gets_clear_errors() -> None:
    with pytest.raises(eventsim.UnknownCollection, match="no simulator for collection 'hess'"):
        next(eventsim.simulate("hess", 10))
    with pytest.raises(ValueError, match="non-negative integer"):
        next(eventsim.simulate("tunka133", -5))
    with pytest.raises(ValueError, match="scale must be positive"):
        eventsim.default_counts(0)
    assert list(eventsim.simulate("tunka133", 0)) == []


def test_tiny_iact_samples_without_gammas_or_protons_simulate() -> None:
    """A handful of IACT events may hold no gamma (or no proton) at all: `init-demo --scale 0.001`."""
    from ml.eventsim import hillas

    assert len(hillas.triggered_showers(np.random.default_rng(0), 0, hillas.GAMMA).size) == 0
    for n in (1, 2, 3):
        assert len(concatenated(eventsim.simulate("taiga_iact", n, seed=5))["event_id"]) == n


@pytest.mark.slow
def test_default_demo_simulates_fast_with_flat_memory() -> None:
    import time
    import tracemalloc

    tracemalloc.start()
    started = time.perf_counter()
    total = 0
    for collection_id, n in eventsim.default_counts(1).items():
        for batch in eventsim.simulate(collection_id, n, seed=0):
            eventsim.mm_rows(collection_id, batch)
            total += len(batch["event_id"])
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert total == sum(eventsim.default_counts(1).values())
    assert elapsed < 60.0, f"default demo took {elapsed:.1f} s"
    assert peak < 400 * 2**20, f"peak traced memory {peak / 2**20:.0f} MiB"
