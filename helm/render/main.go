// Command render renders a Helm chart's templates as `helm template` does, where no helm binary can be had
// (docs/deploy.md): Go's text/template with sprig, the functions Helm adds that the Mesh chart uses (include,
// tpl, toYaml, required, fail) and the objects .Values, .Release, .Chart and .Files.
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run ./helm/render [-name mesh] [-namespace default] [-values] CHART [VALUES.yaml ...]
//
// Values files are merged over the chart's values.yaml in order, maps key by key. Each rendered document is
// written after "---" and a "# Source:" line; documents that render to nothing are left out, as Helm does.
// -values writes the merged values as JSON instead, for checking them against values.schema.json.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

type chart struct{ Name, Version, AppVersion, Description string }

type release struct{ Name, Namespace, Service string }

// files is .Files: Get reads a file of the chart by its path inside the chart.
type files string

func (f files) Get(name string) string {
	b, err := os.ReadFile(filepath.Join(string(f), filepath.FromSlash(name)))
	if err != nil {
		return ""
	}
	return string(b)
}

func main() {
	name := flag.String("name", "mesh", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	onlyValues := flag.Bool("values", false, "write the merged values as JSON instead of rendering")
	flag.Parse()
	if flag.NArg() < 1 {
		fail(errors.New("usage: render [-name N] [-namespace NS] [-values] CHART [VALUES.yaml ...]"))
	}
	values, err := mergedValues(flag.Arg(0), flag.Args()[1:])
	if err != nil {
		fail(err)
	}
	if *onlyValues {
		b, err := json.MarshalIndent(values, "", "  ")
		if err != nil {
			fail(err)
		}
		fmt.Println(string(b))
		return
	}
	out, err := render(flag.Arg(0), values, release{*name, *namespace, "Helm"})
	if err != nil {
		fail(err)
	}
	fmt.Print(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "render:", err)
	os.Exit(1)
}

func mergedValues(dir string, valueFiles []string) (map[string]interface{}, error) {
	values := map[string]interface{}{}
	for _, file := range append([]string{filepath.Join(dir, "values.yaml")}, valueFiles...) {
		var layer map[string]interface{}
		if err := readYaml(file, &layer); err != nil {
			return nil, err
		}
		values = merge(values, layer)
	}
	return values, nil
}

func render(dir string, values map[string]interface{}, rel release) (string, error) {
	var meta map[string]interface{}
	if err := readYaml(filepath.Join(dir, "Chart.yaml"), &meta); err != nil {
		return "", err
	}
	c := chart{str(meta["name"]), str(meta["version"]), str(meta["appVersion"]), str(meta["description"])}
	data := map[string]interface{}{"Values": values, "Release": rel, "Chart": c, "Files": files(dir)}

	paths, err := filepath.Glob(filepath.Join(dir, "templates", "*"))
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	root := template.New(c.Name).Option("missingkey=zero")
	root.Funcs(funcs(root))
	var outputs []string
	for _, path := range paths {
		text, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		tname := c.Name + "/templates/" + filepath.Base(path)
		if _, err := root.New(tname).Parse(string(text)); err != nil {
			return "", err
		}
		if ext := filepath.Ext(path); (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(filepath.Base(path), "_") {
			outputs = append(outputs, tname)
		}
	}
	var out strings.Builder
	for _, tname := range outputs {
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, tname, data); err != nil {
			return "", err
		}
		for _, doc := range strings.Split(strings.ReplaceAll(buf.String(), "<no value>", ""), "\n---") {
			doc = strings.TrimPrefix(strings.TrimSpace(doc), "---")
			if strings.TrimSpace(stripComments(doc)) != "" {
				fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", tname, strings.TrimSpace(doc))
			}
		}
	}
	return out.String(), nil
}

// funcs is sprig's function map plus Helm's own, bound to the template set for include and tpl.
func funcs(root *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err == nil {
			t, err = t.New("tpl").Parse(text)
		}
		var buf bytes.Buffer
		if err == nil {
			err = t.Execute(&buf, data)
		}
		return buf.String(), err
	}
	f["toYaml"] = func(v interface{}) string {
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(v); err != nil {
			return ""
		}
		return strings.TrimSuffix(buf.String(), "\n")
	}
	f["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil || v == "" || (isMap(v) && len(v.(map[string]interface{})) == 0) {
			return nil, errors.New(message)
		}
		return v, nil
	}
	f["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	return f
}

func readYaml(path string, v interface{}) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// merge lays over onto base: maps merge key by key, anything else is replaced.
func merge(base, over map[string]interface{}) map[string]interface{} {
	for k, v := range over {
		if isMap(v) && isMap(base[k]) {
			base[k] = merge(base[k].(map[string]interface{}), v.(map[string]interface{}))
		} else {
			base[k] = v
		}
	}
	return base
}

func isMap(v interface{}) bool { _, ok := v.(map[string]interface{}); return ok }

func str(v interface{}) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func stripComments(doc string) string {
	var kept []string
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}
