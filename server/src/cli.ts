console.log('treatymark: not built yet');
