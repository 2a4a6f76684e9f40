-- Merged inputs: a scenario watching several instruments whose feeds promise exchange-time order
-- (watermarks) processes their quotes merged by exchange time, then instrument, source and sequence.
-- Each release is logged as a group of rows, one per stream, all naming the group's first input in
-- merged_with, so a replay merges the group's quotes again by the same rule. Null for other inputs.
ALTER TABLE scenario_inputs ADD COLUMN merged_with bigint NULL;
