package config_test

import (
	"fmt"

	"github.com/perfgate/perfgate/internal/config"
)

func ExampleParse() {
	file := []byte(`# perfgate.yaml: every key is optional
multiplier: 1.2      # p95 limit factor outside CI
ci_multiplier: 1.5   # p95 limit factor when CI=true
alpha: 0.01          # family-wise false-alarm rate
min_effect: 0.03     # ignore median changes below 3 %
calibration: Calibrate
allow_missing: false
baseline: baseline/baseline.json
`)
	c, err := config.Parse("perfgate.yaml", file)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*c.Multiplier, *c.CIMultiplier, *c.Alpha, *c.MinEffect, *c.Calibration, *c.AllowMissing, *c.Baseline)

	_, err = config.Parse("perfgate.yaml", []byte("alpha: 0.01\nmultipler: 2\n"))
	fmt.Println(err)
	// Output:
	// 1.2 1.5 0.01 0.03 Calibrate false baseline/baseline.json
	// perfgate.yaml:2: unknown key "multipler"; valid keys are multiplier, ci_multiplier, alpha, min_effect, calibration, allow_missing, baseline
}
