"""Programme records: volunteers, hours, the beneficiary archive, visits, certificates."""
