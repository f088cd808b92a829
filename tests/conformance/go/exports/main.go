// exports checks gclab's exports against the real Go 1.19 runtime's types and names, for the
// conformance tests in tests/conformance/CMakeLists.txt.
//
//	exports memstats FILE        decode FILE (gclab run --memstats-json) into a runtime.MemStats,
//	                             rejecting unknown fields and requiring every field; check it; print
//	                             the values gclab run prints on its heap: and GC lines
//	exports metrics FILE NEWER.. check the metric columns of FILE (gclab run --metrics-csv) against
//	                             runtime/metrics.All(): every column is a Go 1.19 metric, except
//	                             exactly the NEWER names, which Go 1.19 must not have; every
//	                             /memory/classes metric of Go 1.19 is a column
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/metrics"
	"strings"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "exports: "+format+"\n", args...)
	os.Exit(1)
}

func checkMemStats(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	// Names and types: every field must decode into runtime.MemStats, and none may be missing.
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var m runtime.MemStats
	if err := dec.Decode(&m); err != nil {
		fail("%s: %v", path, err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		fail("%s: %v", path, err)
	}
	t := reflect.TypeOf(m)
	for i := 0; i < t.NumField(); i++ {
		if _, ok := fields[t.Field(i).Name]; !ok {
			fail("%s: no field %s", path, t.Field(i).Name)
		}
	}
	if len(fields) != t.NumField() {
		fail("%s: %d fields, runtime.MemStats has %d", path, len(fields), t.NumField())
	}
	var ranges []struct{ Size uint32 }
	if err := json.Unmarshal(fields["BySize"], &ranges); err != nil || len(ranges) != len(m.BySize) {
		fail("%s: BySize must have exactly %d entries", path, len(m.BySize))
	}

	// Values: the size classes are the real runtime's, and the pause ring agrees with the totals.
	var real runtime.MemStats
	runtime.ReadMemStats(&real)
	for i := range m.BySize {
		if m.BySize[i].Size != real.BySize[i].Size {
			fail("BySize[%d].Size = %d, Go 1.19 has %d", i, m.BySize[i].Size, real.BySize[i].Size)
		}
		if m.BySize[i].Frees > m.BySize[i].Mallocs {
			fail("BySize[%d]: more frees than mallocs", i)
		}
	}
	if m.NumGC <= 256 {
		var sum uint64
		for i := uint32(0); i < m.NumGC; i++ {
			sum += m.PauseNs[i]
		}
		if sum != m.PauseTotalNs {
			fail("PauseNs sums to %d, PauseTotalNs is %d", sum, m.PauseTotalNs)
		}
	}
	if m.NumGC > 0 && m.LastGC != m.PauseEnd[(m.NumGC+255)%256] {
		fail("LastGC %d is not the latest PauseEnd %d", m.LastGC, m.PauseEnd[(m.NumGC+255)%256])
	}
	if m.HeapAlloc != m.Alloc || m.HeapObjects != m.Mallocs-m.Frees || m.HeapInuse+m.HeapIdle != m.HeapSys {
		fail("inconsistent heap fields: %+v", m)
	}
	if m.GCCPUFraction < 0 || m.GCCPUFraction > 1 || !m.EnableGC {
		fail("GCCPUFraction %v, EnableGC %v", m.GCCPUFraction, m.EnableGC)
	}
	fmt.Printf("heap: HeapAlloc=%d HeapInuse=%d HeapObjects=%d Mallocs=%d Frees=%d NextGC=%d\n",
		m.HeapAlloc, m.HeapInuse, m.HeapObjects, m.Mallocs, m.Frees, m.NextGC)
	fmt.Printf("%d GC cycles (%d forced)\n", m.NumGC, m.NumForcedGC)
}

func checkMetrics(path string, newer []string) {
	f, err := os.Open(path)
	if err != nil {
		fail("%v", err)
	}
	defer f.Close()
	header, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		fail("%s: no header line", path)
	}
	columns := strings.Split(strings.TrimSuffix(header, "\n"), ",")
	if len(columns) < 3 || columns[0] != "virtual_ns" || columns[1] != "sample" {
		fail("%s: the header must start with virtual_ns,sample", path)
	}
	known := map[string]bool{}
	for _, d := range metrics.All() {
		known[d.Name] = true
	}
	isNewer := map[string]bool{}
	for _, n := range newer {
		isNewer[n] = true
	}
	seen := map[string]bool{}
	for _, c := range columns[2:] {
		if seen[c] {
			fail("column %s twice", c)
		}
		seen[c] = true
		switch {
		case isNewer[c] && known[c]:
			fail("%s is said to be newer than Go 1.19, but Go 1.19 has it", c)
		case !isNewer[c] && !known[c]:
			fail("%s is not a Go 1.19 runtime/metrics name", c)
		}
	}
	for _, n := range newer {
		if !seen[n] {
			fail("no column %s", n)
		}
	}
	// The memory classes partition the mapped memory only if every one of them is there.
	for _, d := range metrics.All() {
		if strings.HasPrefix(d.Name, "/memory/classes/") && !seen[d.Name] {
			fail("no column %s", d.Name)
		}
	}
	fmt.Printf("%d columns: %d Go 1.19 metrics, %d newer\n", len(columns)-2, len(columns)-2-len(newer), len(newer))
}

func main() {
	switch {
	case len(os.Args) == 3 && os.Args[1] == "memstats":
		checkMemStats(os.Args[2])
	case len(os.Args) >= 3 && os.Args[1] == "metrics":
		checkMetrics(os.Args[2], os.Args[3:])
	default:
		fmt.Fprintln(os.Stderr, "usage: exports memstats FILE | exports metrics FILE NEWER...")
		os.Exit(2)
	}
}
