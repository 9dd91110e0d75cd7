from assistant.domain.template import cell_ids, unit_of, version_for_year


def test_cell_counts_per_version():
    assert len(cell_ids("2019")) == 198
    assert len(cell_ids("2021")) == 200
    assert len(cell_ids("2021", other_split=False)) == 186
    assert len(cell_ids("2019", "review")) == 15


def test_units_and_versions():
    assert unit_of("active.procurement.amount") == "万元"
    assert unit_of("active.fees.amount") == "万元"
    assert unit_of("requests.new.total") == "件"
    assert version_for_year(2020) == "2019" and version_for_year(2021) == "2021"
